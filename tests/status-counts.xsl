<?xml version="1.0" encoding="UTF-8"?>
<!-- status-counts.xsl: the annotated XML's status counts, a line per
     section and one for the whole programme ("activities colour:n ...
     none:n"), as tests/cli.sh compares them with check's JSON summary. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="urn:wpgen:programme:1">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="/w:programme/w:status/w:count | /w:programme/w:status/w:total">
      <xsl:value-of select="@activities"/>
      <xsl:for-each select="w:colour"><xsl:value-of select="concat(' ', @name, ':', .)"/></xsl:for-each>
      <xsl:if test="@without-colour"><xsl:value-of select="concat(' none:', @without-colour)"/></xsl:if>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
