<?xml version="1.0"?>
<!-- titles.xsl: each activity's title (its Activities cell, its text as
     new, whitespace folded), one a line: what tests/office.sh looks for in
     pandoc's reading of the Word annex. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="urn:wpgen:programme:1">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:for-each select="//w:section/w:activity/w:field[@key = 'activity' or @key = 'action']/w:p[1]">
      <xsl:variable name="t"><xsl:apply-templates select="node()"/></xsl:variable>
      <xsl:value-of select="normalize-space($t)"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="w:del"/>
  <xsl:template match="*"><xsl:apply-templates/></xsl:template>
</xsl:stylesheet>
