/* escape.c: text made safe for the formats wpgen writes (see escape.h). */
#include "base/escape.h"

#include <string.h>

void esc_html(wp_buf *b, const char *s, size_t n)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e = NULL;
		switch (s[i]) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		default: continue;
		}
		wp_buf_put(b, s + from, i - from);
		wp_buf_puts(b, e);
		from = i + 1;
	}
	wp_buf_put(b, s + from, n - from);
}

void esc_json(wp_buf *b, const char *s)
{
	wp_buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': wp_buf_puts(b, "\\\""); break;
		case '\\': wp_buf_puts(b, "\\\\"); break;
		case '\n': wp_buf_puts(b, "\\n"); break;
		case '\r': wp_buf_puts(b, "\\r"); break;
		case '\t': wp_buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				wp_buf_printf(b, "\\u%04x", *p);
			else
				wp_buf_putc(b, (char)*p);
		}
	}
	wp_buf_putc(b, '"');
}

void esc_yaml(wp_buf *b, const char *t)
{
	size_t n = strlen(t);
	int plain = n > 0 && !strchr("-?:,[]{}#&*!|>'\"%@` ", t[0]) && t[n - 1] != ' ' && !strstr(t, ": ") &&
		    !strstr(t, " #") && strcspn(t, "0123456789.") != 0;
	for (size_t i = 0; plain && i < n; i++)
		plain = (unsigned char)t[i] >= 0x20 && t[i] != 0x7f && t[i] != '\\' && t[i] != '"';
	if (plain) {
		wp_buf_put(b, t, n);
		return;
	}
	wp_buf_putc(b, '"');
	for (; *t; t++) {
		unsigned char c = (unsigned char)*t;
		if (c == '"' || c == '\\') {
			wp_buf_putc(b, '\\');
			wp_buf_putc(b, (char)c);
		} else if (c == '\n') {
			wp_buf_puts(b, "\\n");
		} else if (c == '\t') {
			wp_buf_puts(b, "\\t");
		} else if (c < 0x20 || c == 0x7f) {
			wp_buf_printf(b, "\\x%02x", c);
		} else {
			wp_buf_putc(b, (char)c);
		}
	}
	wp_buf_putc(b, '"');
}

void esc_md(wp_buf *b, const char *s, size_t n, int cell, int line_start)
{
	const char *p = s, *end = s + n;
	for (; p < end; p++) {
		char c = *p;
		if (c == '\n' || c == '\r') {
			if (cell) {
				wp_buf_putc(b, ' ');
			} else {
				wp_buf_putc(b, '\n');
				line_start = 1;
			}
			continue;
		}
		if (line_start && !cell) {
			/* what would start a block at the start of a line */
			const char *q = p;
			while (q < end && *q == ' ')
				q++;
			wp_buf_put(b, p, (size_t)(q - p));
			p = q;
			if (p == end)
				break;
			c = *p;
			char next = p + 1 < end ? p[1] : '\0';
			if (c == '#' || c == '>' || c == '=' || ((c == '-' || c == '+') && (next == ' ' || next == '\0' || next == c))) {
				wp_buf_putc(b, '\\');
			} else if (c >= '0' && c <= '9') {
				const char *d = p;
				while (d < end && *d >= '0' && *d <= '9')
					d++;
				if (d < end && (*d == '.' || *d == ')') && d - p <= 9) {
					wp_buf_put(b, p, (size_t)(d - p));
					wp_buf_putc(b, '\\');
					p = d;
					c = *p;
				}
			}
			line_start = 0;
		}
		if (strchr("\\`*_[]<>&|~!", c) && c)
			wp_buf_putc(b, '\\');
		wp_buf_putc(b, c);
	}
}

void esc_md_attr(wp_buf *b, const char *t)
{
	for (; *t; t++) {
		if (*t == '"')
			wp_buf_puts(b, "&quot;");
		else if (*t == '&')
			wp_buf_puts(b, "&amp;");
		else if (*t == '|')
			wp_buf_puts(b, "&#124;");
		else if (*t == '>' || *t == '<' || *t == '\n')
			wp_buf_putc(b, ' ');
		else
			wp_buf_putc(b, *t);
	}
}

void esc_term(wp_buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	for (size_t i = 0; u[i]; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7F)
			wp_buf_printf(b, "\\x%02x", u[i]);
		else if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] < 0xA0)
			wp_buf_printf(b, "\\u%04x", u[++i]);
		else
			wp_buf_putc(b, (char)u[i]);
	}
}
