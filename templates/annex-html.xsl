<?xml version="1.0" encoding="UTF-8"?>
<!--
  annex-html.xsl: the HTML annex of a work programme.

  One self-contained HTML5 file: inline CSS, no script, nothing fetched
  (a Content-Security-Policy says so to the browser too). A title block,
  one table per section whose header row repeats on every printed page
  (A4 landscape), column headers linked to their footnotes, the footnotes
  at the end, examples shown apart from the activities, and the
  completion-status cell in its colour with its word.

  The input is wpgen's canonical XML (namespace urn:wpgen:programme:1);
  copy this file and pass it with  wpgen render - -template FILE  to change
  the layout without recompiling.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="urn:wpgen:programme:1"
    exclude-result-prefixes="w">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:variable name="digits" select="'0123456789'"/>
  <xsl:variable name="supers" select="'⁰¹²³⁴⁵⁶⁷⁸⁹'"/>

  <xsl:template match="/w:programme">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="en">
      <head>
        <meta http-equiv="Content-Security-Policy"
              content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="wpgen"/>
        <title>
          <xsl:value-of select="normalize-space(concat(w:header/w:running-title, ' ', substring(w:header/w:title, 1, 200 * not(w:header/w:running-title))))"/>
        </title>
        <style>
          <xsl:call-template name="css"/>
          <xsl:call-template name="page-boxes"/>
          <xsl:for-each select="w:colours/w:colour">
            <!-- only plain colour names and hex values reach the style sheet -->
            <xsl:if test="translate(@name, 'abcdefghijklmnopqrstuvwxyz', '') = '' and
                          translate(@css, '#0123456789abcdefABCDEF', '') = '' and @fill and @ink">
              <xsl:value-of select="concat('.c-', @name, ' .swatch{background:', @css, '}',
                                           'td.status.c-', @name, '{background:#', @fill, ';color:#', @ink, '}&#10;')"/>
            </xsl:if>
          </xsl:for-each>
        </style>
      </head>
      <body>
        <xsl:variable name="h" select="w:header"/>
        <header class="title-block">
          <xsl:if test="$h/w:annex-to">
            <p class="annex-to">Annex to<br/><xsl:value-of select="$h/w:annex-to"/></p>
          </xsl:if>
          <h1><xsl:value-of select="$h/w:title"/></h1>
          <xsl:if test="$h/w:running-title">
            <p class="running-title"><xsl:value-of select="$h/w:running-title"/></p>
          </xsl:if>
          <xsl:if test="$h/w:session">
            <p class="session">For the <xsl:value-of select="$h/w:session"/></p>
          </xsl:if>
          <xsl:if test="$h/w:period or $h/w:as-of">
            <p class="period">
              <xsl:if test="$h/w:period">Programme period <xsl:value-of select="concat($h/w:period/@start, '–', $h/w:period/@end)"/></xsl:if>
              <xsl:if test="$h/w:period and $h/w:as-of"> · </xsl:if>
              <xsl:if test="$h/w:as-of">Progress as of <xsl:value-of select="$h/w:as-of"/></xsl:if>
            </p>
          </xsl:if>
        </header>
        <xsl:if test="w:header/w:changes">
          <p class="changes-summary"><xsl:value-of select="w:header/w:changes"/></p>
        </xsl:if>
        <xsl:if test="w:preamble">
          <div class="preamble"><xsl:apply-templates select="w:preamble/w:p"/></div>
        </xsl:if>
        <xsl:if test="w:status and w:section/w:columns/w:column[@role = 'status'] and w:section/w:activity">
          <xsl:call-template name="status-summary"/>
        </xsl:if>
        <xsl:call-template name="legend"/>
        <xsl:apply-templates select="w:section"/>
        <xsl:if test="w:report">
          <section class="other-report">
            <h2>Progress reported under no area of the plan</h2>
            <div class="report"><xsl:apply-templates select="w:report/w:p"/></div>
          </section>
        </xsl:if>
        <xsl:if test="w:footnote">
          <section class="footnotes">
            <h2>Notes</h2>
            <xsl:apply-templates select="w:footnote"/>
          </section>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- Where things stand: per section, activities by status colour, with
       none, and overdue at the as-of date, as wpgen counted them
       (w:status: the same counts as every other output); a bar of the
       same counts, in the colours and with words (a title on each part,
       the numbers in the table), never colour alone. -->
  <xsl:template name="status-summary">
    <xsl:variable name="colours" select="w:colours/w:colour"/>
    <xsl:variable name="asof" select="w:status/@as-of"/>
    <xsl:variable name="st" select="w:status"/>
    <section class="status-summary">
      <h2>Where things stand<xsl:if test="$asof"> at <xsl:value-of select="$asof"/></xsl:if></h2>
      <table class="status">
        <thead>
          <tr>
            <th scope="col">Section</th>
            <th scope="col" class="n">Activities</th>
            <xsl:for-each select="$colours">
              <th scope="col" class="n c-{@name}"><span class="swatch" aria-hidden="true"></span><xsl:value-of select="."/></th>
            </xsl:for-each>
            <th scope="col" class="n">No colour</th>
            <xsl:if test="$asof"><th scope="col" class="n">Overdue</th></xsl:if>
            <th scope="col" class="bar-col">Share</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="w:section">
            <xsl:variable name="c" select="$st/w:count[@section = count(current()/preceding-sibling::w:section) + 1]"/>
            <xsl:if test="w:activity">
              <tr>
                <th scope="row">
                  <xsl:if test="@numeral"><xsl:value-of select="concat(@numeral, '. ')"/></xsl:if>
                  <xsl:value-of select="w:title"/>
                </th>
                <td class="n"><xsl:value-of select="$c/@activities"/></td>
                <xsl:for-each select="$colours">
                  <td class="n">
                    <xsl:choose>
                      <xsl:when test="$c/w:colour"><xsl:value-of select="$c/w:colour[@name = current()/@name]"/></xsl:when>
                      <xsl:otherwise>–</xsl:otherwise>
                    </xsl:choose>
                  </td>
                </xsl:for-each>
                <td class="n">
                  <xsl:choose>
                    <xsl:when test="$c/@without-colour"><xsl:value-of select="$c/@without-colour"/></xsl:when>
                    <xsl:otherwise>no status column</xsl:otherwise>
                  </xsl:choose>
                </td>
                <xsl:if test="$asof"><td class="n"><xsl:value-of select="$c/@overdue"/></td></xsl:if>
                <td class="bar-col">
                  <xsl:if test="$c/w:colour and $c/@activities &gt; 0">
                    <xsl:call-template name="status-bar">
                      <xsl:with-param name="c" select="$c"/>
                      <xsl:with-param name="colours" select="$colours"/>
                    </xsl:call-template>
                  </xsl:if>
                </td>
              </tr>
            </xsl:if>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- One bar, 160 wide: each colour's share in turn, then the rows
       without one (grey). -->
  <xsl:template name="status-bar">
    <xsl:param name="c"/>
    <xsl:param name="colours"/>
    <xsl:variable name="n" select="$c/@activities"/>
    <svg xmlns="http://www.w3.org/2000/svg" width="160" height="12" viewBox="0 0 160 12" preserveAspectRatio="none" role="img" class="bar">
      <title>
        <xsl:for-each select="$colours">
          <xsl:value-of select="concat($c/w:colour[@name = current()/@name], ' ', ., '; ')"/>
        </xsl:for-each>
        <xsl:value-of select="concat($c/@without-colour, ' without a colour')"/>
      </title>
      <xsl:for-each select="$colours">
        <xsl:variable name="before" select="sum($c/w:colour[@name = current()/preceding-sibling::w:colour/@name])"/>
        <xsl:variable name="k" select="$c/w:colour[@name = current()/@name]"/>
        <xsl:if test="$k &gt; 0">
          <rect x="{format-number(160 * $before div $n, '0.##')}" y="0" width="{format-number(160 * $k div $n, '0.##')}" height="12" class="c-{@name}"
                fill="{substring(@css, 1, 7 * (translate(@css, '#0123456789abcdefABCDEF', '') = ''))}">
            <title><xsl:value-of select="concat($k, ' ', .)"/></title>
          </rect>
        </xsl:if>
      </xsl:for-each>
      <xsl:variable name="none" select="$c/@without-colour"/>
      <xsl:if test="$none &gt; 0">
        <rect x="{format-number(160 * ($n - $none) div $n, '0.##')}" y="0" width="{format-number(160 * $none div $n, '0.##')}" height="12" fill="#d0d3d8">
          <title><xsl:value-of select="concat($none, ' without a colour')"/></title>
        </rect>
      </xsl:if>
    </svg>
  </xsl:template>

  <!-- What the colours and the change marks mean, once, before the tables. -->
  <xsl:template name="legend">
    <xsl:variable name="marks" select="//w:ins or //w:del or (@underline = 'insertion' and //w:u) or //w:activity[@change]"/>
    <xsl:if test="w:colours/w:colour or $marks">
      <p class="legend">
        <xsl:for-each select="w:colours/w:colour">
          <span class="key c-{@name}"><span class="swatch" aria-hidden="true"></span><xsl:value-of select="concat(@name, ': ', .)"/></span>
        </xsl:for-each>
        <xsl:if test="$marks">
          <span class="key"><ins>inserted</ins></span>
          <span class="key"><del>deleted</del></span>
          <span class="key"><span class="bar-key" aria-hidden="true"></span>row with a change</span>
        </xsl:if>
        <xsl:if test="//w:activity[@overdue]">
          <span class="key"><span class="badge overdue">Overdue</span> the timeline ended before <xsl:value-of select="w:header/w:as-of"/></span>
        </xsl:if>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="w:section">
    <section class="programme-section kind-{@kind}">
      <xsl:if test="w:title or @numeral">
        <h2>
          <xsl:if test="@numeral"><xsl:value-of select="concat(@numeral, '. ')"/></xsl:if>
          <xsl:value-of select="w:title"/>
        </h2>
      </xsl:if>
      <xsl:if test="w:intro">
        <div class="intro"><xsl:apply-templates select="w:intro/w:p"/></div>
      </xsl:if>
      <xsl:if test="w:columns/w:column">
        <table>
          <xsl:if test="w:columns/w:column/@width">
            <xsl:attribute name="class">sized</xsl:attribute>
            <!-- widths from the content (wpgen measures each column's words) -->
            <colgroup>
              <xsl:for-each select="w:columns/w:column">
                <col class="k-{@key}" style="width:{number(@width)}%"/>
              </xsl:for-each>
            </colgroup>
          </xsl:if>
          <thead>
            <tr>
              <xsl:for-each select="w:columns/w:column">
                <th scope="col" class="k-{@key}">
                  <xsl:value-of select="."/>
                  <xsl:if test="@mark">
                    <xsl:text> </xsl:text>
                    <xsl:choose>
                      <xsl:when test="/w:programme/w:footnote[@mark = current()/@mark]">
                        <a class="fnref" href="#fn-{@mark}" title="See note {@mark}">
                          <xsl:value-of select="translate(@mark, $digits, $supers)"/>
                        </a>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:value-of select="translate(@mark, $digits, $supers)"/>
                      </xsl:otherwise>
                    </xsl:choose>
                  </xsl:if>
                </th>
              </xsl:for-each>
            </tr>
          </thead>
          <xsl:if test="w:guidance">
            <tbody class="guidance">
              <tr><xsl:apply-templates select="w:guidance/w:field"/></tr>
            </tbody>
          </xsl:if>
          <xsl:if test="w:example">
            <tbody class="examples">
              <tr class="label">
                <th colspan="{count(w:columns/w:column)}" scope="rowgroup">Example, not an activity of the programme</th>
              </tr>
              <xsl:for-each select="w:example">
                <tr class="example"><xsl:call-template name="change-class"/><xsl:apply-templates select="w:field"/></tr>
              </xsl:for-each>
            </tbody>
          </xsl:if>
          <tbody class="activities">
            <xsl:for-each select="w:activity">
              <!-- printed, a row is never split unless it is taller than a
                   page -->
              <tr id="{concat('s', count(../preceding-sibling::w:section) + 1, '-a', position())}">
                <xsl:call-template name="change-class"/>
                <xsl:apply-templates select="w:field"/>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <xsl:if test="w:columns/w:column[@role = 'date']">
        <xsl:call-template name="timeline"/>
      </xsl:if>
      <xsl:if test="w:notes">
        <div class="notes"><xsl:apply-templates select="w:notes/w:p"/></div>
      </xsl:if>
      <xsl:if test="w:report">
        <div class="report">
          <h3>Progress reported</h3>
          <xsl:apply-templates select="w:report/w:p"/>
          <xsl:if test="not(w:report/w:p)"><p class="none">Nothing reported on this area.</p></xsl:if>
        </div>
      </xsl:if>
      <xsl:if test="/w:programme/w:header/w:plan and not(w:report)">
        <div class="report missing"><h3>Progress reported</h3><p class="none">The report does not cover this area.</p></div>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The schedule drawn: months on the axis, one milestone per task at its
       due date (hollow when the day is a placeholder, as xx/04/2023), and
       the as-of date as a line. Inline SVG, no script. -->
  <xsl:variable name="tl-left" select="300"/>
  <xsl:variable name="tl-width" select="660"/>
  <xsl:variable name="tl-row" select="20"/>

  <!-- a cell's text with both versions marked, as a label shows it -->
  <xsl:template match="w:del" mode="marked">[-<xsl:apply-templates mode="marked"/>-]</xsl:template>
  <xsl:template match="w:ins" mode="marked">{+<xsl:apply-templates mode="marked"/>+}</xsl:template>
  <xsl:template match="w:br" mode="marked"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="w:p" mode="marked"><xsl:apply-templates mode="marked"/><xsl:text> </xsl:text></xsl:template>
  <!-- a cell's text as the new version has it -->
  <xsl:template match="w:del" mode="new"/>

  <!-- The month bands [from, to) of a timeline, halved at each call (a
       span of centuries stays a few calls deep). -->
  <xsl:template name="month-bands">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:param name="first"/>
    <xsl:param name="mw"/>
    <xsl:param name="h"/>
    <xsl:choose>
      <xsl:when test="$to - $from = 1">
        <xsl:variable name="i" select="$from"/>
        <xsl:variable name="abs" select="$first + $i"/>
        <xsl:variable name="mo" select="$abs mod 12 + 1"/>
        <rect xmlns="http://www.w3.org/2000/svg" x="{$tl-left + $i * $mw}" y="22" width="{$mw}" height="{$h - 30}"
              fill="{substring('#f4f6f9#ffffff', 1 + 7 * ($i mod 2), 7)}"/>
        <text xmlns="http://www.w3.org/2000/svg" x="{$tl-left + $i * $mw + $mw div 2}" y="16" text-anchor="middle" font-size="10" fill="#5f6368">
          <xsl:value-of select="substring('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * $mo - 2, 3)"/>
          <xsl:if test="$mo = 1 or $i = 0">
            <xsl:value-of select="concat(' ', floor($abs div 12))"/>
          </xsl:if>
        </text>
      </xsl:when>
      <xsl:when test="$to - $from &gt; 1">
        <xsl:variable name="mid" select="floor(($from + $to) div 2)"/>
        <xsl:call-template name="month-bands">
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$mid"/>
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="mw" select="$mw"/>
          <xsl:with-param name="h" select="$h"/>
        </xsl:call-template>
        <xsl:call-template name="month-bands">
          <xsl:with-param name="from" select="$mid"/>
          <xsl:with-param name="to" select="$to"/>
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="mw" select="$mw"/>
          <xsl:with-param name="h" select="$h"/>
        </xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="timeline">
    <xsl:variable name="dk" select="w:columns/w:column[@role = 'date'][1]/@key"/>
    <xsl:variable name="nk" select="w:columns/w:column[@role = 'number'][1]/@key"/>
    <xsl:variable name="tk" select="w:columns/w:column[not(@role)][1]/@key"/>
    <!-- the due dates wpgen read (w:activity/@due: YYYY-MM-DD, or YYYY-MM
         while the day is to be fixed), as months since year 0 -->
    <xsl:variable name="dated" select="w:activity[@due]"/>
    <xsl:if test="$dated">
      <xsl:variable name="first">
        <xsl:for-each select="$dated">
          <xsl:sort select="substring(@due, 1, 4) * 12 + substring(@due, 6, 2)" data-type="number"/>
          <xsl:if test="position() = 1">
            <xsl:value-of select="substring(@due, 1, 4) * 12 + substring(@due, 6, 2) - 1"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="last">
        <xsl:for-each select="$dated">
          <xsl:sort select="substring(@due, 1, 4) * 12 + substring(@due, 6, 2)" data-type="number" order="descending"/>
          <xsl:if test="position() = 1">
            <xsl:value-of select="substring(@due, 1, 4) * 12 + substring(@due, 6, 2)"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="nm" select="$last - $first"/>
      <xsl:variable name="mw" select="$tl-width div $nm"/>
      <xsl:variable name="rows" select="count(w:activity)"/>
      <xsl:variable name="h" select="34 + $rows * $tl-row + 8"/>
      <figure class="timeline">
        <svg xmlns="http://www.w3.org/2000/svg" width="{$tl-left + $tl-width + 10}" height="{$h}"
             viewBox="0 0 {$tl-left + $tl-width + 10} {$h}" role="img">
          <title>Schedule: <xsl:value-of select="$rows"/> tasks, <xsl:value-of select="$nm"/> months</title>
          <!-- month bands and labels -->
          <xsl:call-template name="month-bands">
            <xsl:with-param name="from" select="0"/>
            <xsl:with-param name="to" select="$nm"/>
            <xsl:with-param name="first" select="$first"/>
            <xsl:with-param name="mw" select="$mw"/>
            <xsl:with-param name="h" select="$h"/>
          </xsl:call-template>
          <!-- one row a task -->
          <xsl:for-each select="w:activity">
            <xsl:variable name="y" select="34 + (position() - 1) * $tl-row"/>
            <!-- the due date as the new version has it (a deleted date left out) -->
            <xsl:variable name="d-text"><xsl:apply-templates select="w:field[@key = $dk]" mode="new"/></xsl:variable>
            <xsl:variable name="d" select="normalize-space($d-text)"/>
            <!-- with changes shown, both versions marked: [-deleted-] {+inserted+} -->
            <xsl:variable name="label-text">
              <xsl:apply-templates select="w:field[@key = $nk]" mode="marked"/>
              <xsl:text> </xsl:text>
              <xsl:apply-templates select="w:field[@key = $tk]" mode="marked"/>
            </xsl:variable>
            <xsl:variable name="label" select="normalize-space($label-text)"/>
            <line x1="{$tl-left}" x2="{$tl-left + $tl-width}" y1="{$y + 6}" y2="{$y + 6}" stroke="#e3e6ea"/>
            <text x="{$tl-left - 6}" y="{$y + 10}" text-anchor="end" font-size="11" fill="#1a1a1a">
              <xsl:choose>
                <xsl:when test="string-length($label) &gt; 48"><xsl:value-of select="concat(substring($label, 1, 47), '…')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
              </xsl:choose>
            </text>
            <xsl:if test="@due">
              <xsl:variable name="m" select="substring(@due, 1, 4) * 12 + substring(@due, 6, 2) - 1 - $first"/>
              <xsl:variable name="day" select="substring(@due, 9, 2)"/>
              <xsl:choose>
                <xsl:when test="$day != ''">
                  <xsl:variable name="x" select="$tl-left + ($m + ($day - 1) div 31) * $mw"/>
                  <path d="M{$x} {$y} l6 6 l-6 6 l-6 -6 z" fill="#1565c0">
                    <title><xsl:value-of select="concat($label, ': due ', $d)"/></title>
                  </path>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:variable name="x" select="$tl-left + ($m + 0.5) * $mw"/>
                  <path d="M{$x} {$y} l6 6 l-6 6 l-6 -6 z" fill="#ffffff" stroke="#b26a00" stroke-width="1.5">
                    <title><xsl:value-of select="concat($label, ': due ', $d, ' (day to be fixed)')"/></title>
                  </path>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:if>
          </xsl:for-each>
          <!-- the as-of date -->
          <xsl:variable name="asof" select="normalize-space(/w:programme/w:header/w:as-of)"/>
          <xsl:if test="string-length($asof) = 10">
            <xsl:variable name="am" select="substring($asof, 1, 4) * 12 + substring($asof, 6, 2) - 1 - $first + (substring($asof, 9, 2) - 1) div 31"/>
            <xsl:if test="$am &gt;= 0 and $am &lt;= $nm">
              <line x1="{$tl-left + $am * $mw}" x2="{$tl-left + $am * $mw}" y1="22" y2="{$h - 8}"
                    stroke="#c62828" stroke-width="1.5" stroke-dasharray="4 3"/>
              <text x="{$tl-left + $am * $mw + 3}" y="{$h - 2}" font-size="10" fill="#c62828">as of <xsl:value-of select="$asof"/></text>
            </xsl:if>
          </xsl:if>
        </svg>
        <figcaption>Due dates of the <xsl:value-of select="$rows"/> tasks: a filled mark on the day, a hollow one in the month when the day is still to be fixed; the dashed line is the as-of date.</figcaption>
      </figure>
    </xsl:if>
  </xsl:template>

  <xsl:template match="w:field">
    <td class="k-{@key}">
      <xsl:if test="../@overdue and @key = ../../w:columns/w:column[@role = 'number'][1]/@key">
        <span class="badge overdue" title="{concat('The timeline ended by ', ../@overdue, '; the activity is not marked done at ', /w:programme/w:header/w:as-of)}">Overdue</span>
      </xsl:if>
      <xsl:if test="@colour">
        <xsl:attribute name="class">
          <xsl:value-of select="concat('k-', @key, ' status c-', @colour)"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="w:p"/>
      <xsl:if test="@colour">
        <xsl:variable name="meaning" select="/w:programme/w:colours/w:colour[@name = current()/@colour]"/>
        <xsl:if test="$meaning and not(contains(translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
                                                 translate($meaning, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')))">
          <span class="meaning"><xsl:value-of select="$meaning"/></span>
        </xsl:if>
      </xsl:if>
    </td>
  </xsl:template>

  <xsl:template match="w:footnote">
    <!-- a mark defined twice (footnote.duplicate) keeps ids unique: fn-1, fn-1-2 -->
    <xsl:variable name="again" select="count(preceding-sibling::w:footnote[@mark = current()/@mark])"/>
    <p class="footnote" id="fn-{@mark}{substring(concat('-', $again + 1), 1, 10 * ($again &gt; 0))}">
      <sup><xsl:value-of select="@mark"/></sup>
      <xsl:text> </xsl:text>
      <xsl:for-each select="w:p">
        <xsl:if test="position() &gt; 1"><br/></xsl:if>
        <xsl:apply-templates/>
      </xsl:for-each>
    </p>
  </xsl:template>

  <xsl:template match="w:p">
    <p>
      <xsl:if test="@continued">
        <xsl:attribute name="class">continued</xsl:attribute>
        <xsl:attribute name="title">Continued from the previous page of the original</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- Tracked changes: a row that holds one gets a change bar; a row that
       is wholly inserted or deleted says so. Where the profile says that
       underline means insertion, <u> is shown as one. -->
  <xsl:template name="change-class">
    <xsl:variable name="u-ins" select="/w:programme/@underline = 'insertion'"/>
    <xsl:choose>
      <xsl:when test="@change">
        <xsl:attribute name="class">
          <xsl:value-of select="normalize-space(concat(local-name(self::w:example), ' changed change-', @change))"/>
        </xsl:attribute>
        <xsl:attribute name="title"><xsl:value-of select="concat('Row ', @change, ' by a tracked change')"/></xsl:attribute>
      </xsl:when>
      <xsl:when test=".//w:ins or .//w:del or ($u-ins and .//w:u)">
        <xsl:attribute name="class">
          <xsl:value-of select="normalize-space(concat(local-name(self::w:example), ' changed'))"/>
        </xsl:attribute>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="w:b"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="w:i"><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="w:u">
    <xsl:choose>
      <xsl:when test="/w:programme/@underline = 'insertion'"><ins><xsl:apply-templates/></ins></xsl:when>
      <xsl:otherwise><u><xsl:apply-templates/></u></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="w:ins | w:del">
    <xsl:element name="{local-name()}">
      <xsl:if test="@author or @date">
        <xsl:attribute name="title"><xsl:value-of select="normalize-space(concat(@author, ' ', @date))"/></xsl:attribute>
      </xsl:if>
      <xsl:if test="@date"><xsl:attribute name="datetime"><xsl:value-of select="@date"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="w:code"><code><xsl:apply-templates/></code></xsl:template>
  <!-- a footnote mark in a cell links to its note, as a header's does -->
  <xsl:template match="w:ref">
    <xsl:choose>
      <xsl:when test="ancestor::w:a"><xsl:value-of select="."/></xsl:when>
      <xsl:otherwise><a class="fnref" href="#fn-{@mark}" title="See note {@mark}"><xsl:value-of select="."/></a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="w:br"><br/></xsl:template>

  <!-- Links keep http, https, mailto and relative targets; any other
       scheme (javascript:, data:, vbscript:, ...) loses its link. -->
  <xsl:template match="w:a">
    <xsl:variable name="h" select="normalize-space(@href)"/>
    <xsl:variable name="lower" select="translate($h, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="scheme" select="substring-before($lower, ':')"/>
    <xsl:choose>
      <xsl:when test="starts-with($lower, 'http:') or starts-with($lower, 'https:') or starts-with($lower, 'mailto:')
                      or not(contains($lower, ':'))
                      or contains($scheme, '/') or contains($scheme, '?') or contains($scheme, '#')">
        <a href="{$h}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every printed page: the document reference at the top left, the
       running title (else the title) at the top right, "Page 3 of 26" at
       the bottom. -->
  <xsl:template name="page-boxes">
    <xsl:variable name="h" select="w:header"/>
    <xsl:variable name="right" select="normalize-space(concat($h/w:running-title, substring($h/w:title, 1, 160 * not($h/w:running-title))))"/>
    <xsl:text>@page{</xsl:text>
    <xsl:if test="$h/w:annex-to">
      <xsl:text>@top-left{content:"Annex to </xsl:text>
      <xsl:call-template name="css-string"><xsl:with-param name="s" select="normalize-space($h/w:annex-to)"/></xsl:call-template>
      <xsl:text>";font:8pt Arial,sans-serif;color:#5f6368}</xsl:text>
    </xsl:if>
    <xsl:if test="$right">
      <xsl:text>@top-right{content:"</xsl:text>
      <xsl:call-template name="css-string"><xsl:with-param name="s" select="$right"/></xsl:call-template>
      <xsl:text>";font:8pt Arial,sans-serif;color:#5f6368}</xsl:text>
    </xsl:if>
    <xsl:text>@bottom-center{content:"Page " counter(page) " of " counter(pages);font:8pt Arial,sans-serif;color:#5f6368}}&#10;</xsl:text>
  </xsl:template>

  <!-- s as the inside of a CSS string: \ " and < escaped (a title can
       close no style element), control characters as spaces. -->
  <xsl:template name="css-string">
    <xsl:param name="s"/>
    <xsl:if test="$s">
      <xsl:variable name="c" select="substring($s, 1, 1)"/>
      <xsl:choose>
        <xsl:when test="$c = '\'">\\</xsl:when>
        <xsl:when test="$c = '&quot;'">\"</xsl:when>
        <xsl:when test="$c = '&lt;'">\3c </xsl:when>
        <xsl:when test="$c = '&gt;'">\3e </xsl:when>
        <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="css-string"><xsl:with-param name="s" select="substring($s, 2)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="css">
    <xsl:text>
:root{--ink:#1a1a1a;--muted:#5f6368;--rule:#b0b4ba;--head:#e8ecf1;--guide:#f6f7f9}
*{box-sizing:border-box}
body{font:13px/1.4 "Liberation Sans",Arial,Helvetica,sans-serif;color:var(--ink);margin:1.5rem;max-width:none}
.title-block{margin-bottom:1.2rem}
.annex-to{float:right;text-align:right;margin:0;color:var(--muted)}
h1{font-size:1.35rem;margin:0 0 .3rem}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
.running-title,.period,.session{margin:.1rem 0;color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid var(--rule);padding:.3rem .4rem;vertical-align:top;text-align:left}
thead th{background:var(--head);font-weight:600}
td p,th p{margin:0}
td p+p{margin-top:.45em}
tbody.guidance td{background:var(--guide);color:var(--muted);font-style:italic;font-size:.92em}
tbody.examples tr.label th{background:#fff8e1;font-weight:600;font-style:italic}
tbody.examples td{background:#fffdf5;color:var(--muted);font-style:italic}
tbody.activities tr:nth-child(even) td:not(.status){background:#fbfbfc}
table.sized{table-layout:fixed}
th,td{overflow-wrap:break-word;hyphens:auto}
.badge{display:inline-block;font-size:.78em;font-weight:600;padding:0 .3em;border-radius:2px;white-space:nowrap}
.badge.overdue{background:#fdecea;color:#a50e0e;border:1px solid #e6a5a5;margin-right:.3em}
.status-summary table.status{width:auto}
table.status td.n,table.status th.n{text-align:right}
table.status th[scope=row]{font-weight:normal}
svg.bar{display:block;border:1px solid var(--rule)}
.legend{color:var(--muted);font-size:.92em;margin:.3rem 0 .8rem}
.print-only{display:none}
@media screen{
  thead th{position:sticky;top:0;z-index:1;box-shadow:0 1px 0 var(--rule)}
  table.sized{table-layout:auto}
}
.legend .key{margin-right:1.2em;white-space:nowrap}
.bar-key{display:inline-block;width:4px;height:1em;background:#b26a00;vertical-align:-.15em;margin-right:.3em}
.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin-right:.35em;border:1px solid rgba(0,0,0,.25)}
td.status p{display:inline}
td.status ins,td.status del,td.status .meaning{color:inherit;background:none}
.meaning{display:block;color:var(--muted);font-size:.9em}
p.continued{border-left:2px dotted var(--rule);padding-left:.35em}
ins{color:#0b6b2e;text-decoration:underline;background:#e6f4ea}
del{color:#a50e0e;text-decoration:line-through}
tr.changed>td:first-child{box-shadow:inset 4px 0 0 #b26a00}
tbody tr.change-inserted td{background:#eef8f0}
tbody tr.change-deleted td{background:#fdf1f1;color:#7a1f1f}
.fnref{text-decoration:none}
.footnotes p{margin:.35rem 0}
.footnotes{font-size:.92em;border-top:1px solid var(--rule);margin-top:1.5rem}
.intro p{margin:.2rem 0 .5rem}
figure.timeline{margin:.4rem 0 1.2rem;overflow-x:auto}
figure.timeline figcaption{color:var(--muted);font-size:.9em}
.report{border-left:3px solid #1565c0;padding:.1rem 0 .1rem .8rem;margin:.4rem 0 1rem}
.report h3{font-size:.95rem;margin:.2rem 0 .4rem;color:#1565c0}
.report.missing{border-left-color:#b26a00}
.report.missing h3{color:#b26a00}
.report .none{color:var(--muted);font-style:italic}
@page{size:A4 landscape;margin:14mm 10mm 12mm}
@media print{
  body{margin:0;font-size:8pt;line-height:1.25}
  th,td{padding:.15rem .2rem}
  thead th{font-size:7.5pt}
  *{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  tbody.guidance tr,tr.label{break-after:avoid}
  tbody.examples{break-inside:avoid}
  td p{orphans:3;widows:3}
  h2{break-after:avoid}
  .status-summary,.legend{break-inside:avoid}
  .print-only{display:block}
  .continued{font-size:.85em;font-style:italic;color:var(--muted);margin-bottom:.3em}
  tbody.activities tr:nth-child(even) td:not(.status){background:none}
  a{color:inherit}
}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>
