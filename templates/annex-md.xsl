<?xml version="1.0" encoding="UTF-8"?>
<!--
  annex-md.xsl: the Markdown (GFM) annex of a work programme.

  One table per section, no page furniture, every cell kept. What it writes,
  wpgen reads back as the same programme, so rendering the annex again gives
  the same bytes. Text goes through wp:md-cell / wp:md-text, which escape
  what Markdown would read as syntax; inline styles are written as the HTML
  tags the reader understands (<b>, <i>, <u>, <ins>, <del>, <code>, <br>).
  It runs over the source flavour of the XML (content and explicit
  metadata only), so Markdown written from a Markdown or from an XML
  source is the same; metadata the text cannot carry goes in front matter.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="urn:wpgen:programme:1"
    xmlns:wp="urn:wpgen:xslt"
    exclude-result-prefixes="w wp">
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <!-- where things stand: a table per section of activities by status
       colour (and overdue at the as-of date), which wpgen writes for an
       annex (not for convert); the reader passes it when reading back -->
  <xsl:param name="status" select="''"/>
  <!-- the words the reader knows the annex block by (the profile's
       annex_marker), which wpgen passes for an annex: then the block's
       three lines are kept apart where Markdown is shown (hard breaks) -->
  <xsl:param name="annex-marker" select="''"/>
  <!-- 'yes' for an annex (not for convert, which writes the source) -->
  <xsl:param name="annex" select="''"/>

  <xsl:template match="/w:programme">
    <xsl:variable name="h" select="w:header"/>
    <!-- metadata that the text does not carry: YAML front matter -->
    <xsl:if test="@profile or $h/w:body or $h/w:period or $h/w:session or $h/w:as-of or $h/w:programme">
      <xsl:value-of select="concat('---', $nl)"/>
      <xsl:if test="@profile"><xsl:value-of select="concat('profile: ', wp:yaml(@profile), $nl)"/></xsl:if>
      <xsl:if test="$h/w:body"><xsl:value-of select="concat('body: ', wp:yaml($h/w:body), $nl)"/></xsl:if>
      <xsl:if test="$h/w:period">
        <xsl:value-of select="concat('period: ', $h/w:period/@start, '-', $h/w:period/@end, $nl)"/>
      </xsl:if>
      <xsl:if test="$h/w:session"><xsl:value-of select="concat('session: ', wp:yaml($h/w:session), $nl)"/></xsl:if>
      <xsl:if test="$h/w:as-of"><xsl:value-of select="concat('as_of: ', wp:yaml($h/w:as-of), $nl)"/></xsl:if>
      <xsl:if test="$h/w:programme"><xsl:value-of select="concat('programme: ', $h/w:programme, $nl)"/></xsl:if>
      <xsl:value-of select="concat('---', $nl)"/>
    </xsl:if>
    <xsl:if test="$h/w:title">
      <xsl:text># </xsl:text>
      <xsl:value-of select="wp:md-cell($h/w:title)"/>
      <xsl:value-of select="concat($nl, $nl)"/>
    </xsl:if>
    <xsl:if test="$h/w:annex-to">
      <xsl:variable name="brk" select="substring('\', 1, number($annex-marker = 'Annex to'))"/>
      <xsl:value-of select="concat('Annex to', $brk, $nl)"/>
      <xsl:value-of select="wp:md-text($h/w:annex-to)"/>
      <xsl:if test="$h/w:running-title">
        <xsl:value-of select="concat($brk, $nl)"/>
        <xsl:value-of select="wp:md-text($h/w:running-title)"/>
      </xsl:if>
      <xsl:value-of select="concat($nl, $nl)"/>
    </xsl:if>
    <!-- a redline's summary of what changed: a paragraph the reader passes -->
    <xsl:if test="$h/w:changes">
      <xsl:value-of select="concat('&lt;!-- wpgen: changes summary --&gt;', $nl, $nl, wp:md-text($h/w:changes), $nl, $nl)"/>
    </xsl:if>
    <xsl:if test="string($status)"><xsl:value-of select="concat($status, $nl)"/></xsl:if>
    <xsl:apply-templates select="w:preamble/w:p" mode="block"/>
    <xsl:apply-templates select="w:section"/>
    <!-- what a progress report says under no area of its plan -->
    <xsl:if test="w:report/w:p">
      <xsl:text>&gt; **Progress reported under no area of the plan**</xsl:text>
      <xsl:value-of select="concat($nl, '&gt;', $nl)"/>
      <xsl:for-each select="w:report/w:p">
        <xsl:text>&gt; </xsl:text>
        <xsl:call-template name="para-text"/>
        <xsl:value-of select="concat($nl, '&gt;', $nl)"/>
      </xsl:for-each>
      <xsl:value-of select="$nl"/>
    </xsl:if>
    <xsl:apply-templates select="w:footnote"/>
  </xsl:template>

  <!-- sections -->
  <xsl:template match="w:section">
    <xsl:if test="w:title or @numeral">
      <xsl:text>## </xsl:text>
      <xsl:if test="@numeral">
        <xsl:value-of select="concat(@numeral, '. ')"/>
      </xsl:if>
      <xsl:value-of select="wp:md-cell(w:title)"/>
      <xsl:value-of select="concat($nl, $nl)"/>
    </xsl:if>
    <xsl:apply-templates select="w:intro/w:p" mode="block"/>
    <xsl:if test="w:columns/w:column">
      <xsl:text>|</xsl:text>
      <xsl:for-each select="w:columns/w:column">
        <xsl:text> </xsl:text>
        <xsl:value-of select="wp:md-cell(.)"/>
        <xsl:if test="@mark">
          <xsl:value-of select="concat(' ', translate(@mark, '0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹'))"/>
        </xsl:if>
        <xsl:text> |</xsl:text>
      </xsl:for-each>
      <xsl:value-of select="$nl"/>
      <xsl:text>|</xsl:text>
      <xsl:for-each select="w:columns/w:column">
        <xsl:text> --- |</xsl:text>
      </xsl:for-each>
      <xsl:value-of select="$nl"/>
      <xsl:apply-templates select="w:guidance | w:example | w:activity" mode="row"/>
      <xsl:value-of select="$nl"/>
    </xsl:if>
    <xsl:apply-templates select="w:notes/w:p" mode="block"/>
    <!-- a progress report read with its plan: what it says of this area -->
    <xsl:if test="/w:programme/w:header/w:plan">
      <xsl:text>&gt; **Progress reported**</xsl:text>
      <xsl:value-of select="concat($nl, '&gt;', $nl)"/>
      <xsl:choose>
        <xsl:when test="w:report/w:p">
          <xsl:for-each select="w:report/w:p">
            <xsl:text>&gt; </xsl:text>
            <xsl:call-template name="para-text"/>
            <xsl:value-of select="concat($nl, '&gt;', $nl)"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>&gt; *The report does not cover this area.*</xsl:text>
          <xsl:value-of select="concat($nl, '&gt;', $nl)"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="row">
    <xsl:text>|</xsl:text>
    <xsl:for-each select="w:field">
      <xsl:text> </xsl:text>
      <xsl:choose>
        <!-- the guidance row (the question each column answers) in italics,
             told apart from the activities; once (read back, it is italic) -->
        <xsl:when test="$annex = 'yes' and parent::w:guidance and count(w:p) = 1 and normalize-space(w:p)
                        and not(count(w:p/*) = 1 and w:p/w:i and not(w:p/text()[normalize-space(.)]))">
          <xsl:text>&lt;i&gt;</xsl:text>
          <xsl:apply-templates select="w:p/node()" mode="cell"/>
          <xsl:text>&lt;/i&gt;</xsl:text>
        </xsl:when>
        <xsl:when test="count(w:p) &gt; 1">
          <xsl:for-each select="w:p">
            <xsl:if test="position() &gt; 1">
              <xsl:text> </xsl:text>
            </xsl:if>
            <xsl:text>&lt;p&gt;</xsl:text>
            <xsl:apply-templates mode="cell"/>
            <xsl:text>&lt;/p&gt;</xsl:text>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates select="w:p/node()" mode="cell"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text> |</xsl:text>
    </xsl:for-each>
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <!-- paragraphs outside tables -->
  <xsl:template match="w:p" mode="block">
    <xsl:call-template name="para-text"/>
    <xsl:value-of select="concat($nl, $nl)"/>
  </xsl:template>

  <xsl:template match="w:footnote">
    <xsl:value-of select="concat(translate(@mark, '0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹'), ' ')"/>
    <xsl:for-each select="w:p">
      <xsl:if test="position() &gt; 1">
        <xsl:text>&lt;br&gt;&lt;br&gt;</xsl:text>
      </xsl:if>
      <xsl:call-template name="para-text"/>
    </xsl:for-each>
    <xsl:value-of select="concat($nl, $nl)"/>
  </xsl:template>

  <!-- inline content; the same in cells and paragraphs but for escaping -->
  <xsl:template match="text()" mode="cell">
    <xsl:value-of select="wp:md-cell(.)"/>
  </xsl:template>
  <!-- A paragraph's inline content: only what its first node holds starts
       a line (where block syntax must be escaped). Passed down as a
       parameter, so that a paragraph of many nodes stays linear (asking
       each text for its preceding siblings was quadratic). -->
  <xsl:template name="para-text">
    <xsl:apply-templates select="node()[1]" mode="text">
      <xsl:with-param name="start" select="true()"/>
    </xsl:apply-templates>
    <xsl:apply-templates select="node()[position() &gt; 1]" mode="text"/>
  </xsl:template>
  <xsl:template match="text()" mode="text">
    <xsl:param name="start" select="false()"/>
    <xsl:value-of select="wp:md-text(., $start)"/>
  </xsl:template>

  <xsl:template match="w:br" mode="cell">
    <xsl:text>&lt;br&gt;</xsl:text>
  </xsl:template>
  <xsl:template match="w:br" mode="text">
    <xsl:text>&lt;br&gt;</xsl:text>
  </xsl:template>

  <xsl:template match="w:b | w:i | w:u | w:ins | w:del | w:code" mode="cell">
    <xsl:value-of select="concat('&lt;', local-name())"/>
    <xsl:call-template name="change-attrs"/>
    <xsl:text>&gt;</xsl:text>
    <xsl:apply-templates mode="cell"/>
    <xsl:value-of select="concat('&lt;/', local-name(), '&gt;')"/>
  </xsl:template>
  <xsl:template match="w:b | w:i | w:u | w:ins | w:del | w:code" mode="text">
    <xsl:param name="start" select="false()"/>
    <xsl:value-of select="concat('&lt;', local-name())"/>
    <xsl:call-template name="change-attrs"/>
    <xsl:text>&gt;</xsl:text>
    <xsl:apply-templates mode="text">
      <xsl:with-param name="start" select="$start"/>
    </xsl:apply-templates>
    <xsl:value-of select="concat('&lt;/', local-name(), '&gt;')"/>
  </xsl:template>

  <!-- who made a tracked change and when: <ins data-author=".." datetime=".."> -->
  <xsl:template name="change-attrs">
    <xsl:if test="@author">
      <xsl:value-of select="concat(' data-author=&quot;', wp:md-attr(@author), '&quot;')"/>
    </xsl:if>
    <xsl:if test="@date">
      <xsl:value-of select="concat(' datetime=&quot;', wp:md-attr(@date), '&quot;')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="w:a" mode="cell">
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="cell"/>
    <xsl:value-of select="concat('](&lt;', wp:md-cell(@href), '&gt;)')"/>
  </xsl:template>
  <xsl:template match="w:a" mode="text">
    <xsl:param name="start" select="false()"/>
    <xsl:text>[</xsl:text>
    <xsl:apply-templates mode="text">
      <xsl:with-param name="start" select="$start"/>
    </xsl:apply-templates>
    <xsl:value-of select="concat('](&lt;', wp:md-cell(@href), '&gt;)')"/>
  </xsl:template>
</xsl:stylesheet>
