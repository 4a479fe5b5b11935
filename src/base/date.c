/* date.c: reading dates (see date.h). */
#include "base/date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int wp_month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m < 1 || m > 12 ? 0 : days[m - 1] + (m == 2 && leap(y));
}

int wp_ymd_valid(wp_ymd t)
{
	return t.y >= 1900 && t.y <= 2199 && t.m >= 1 && t.m <= 12 && t.d >= 1 && t.d <= wp_month_days(t.y, t.m);
}

int wp_ymd_cmp(wp_ymd a, wp_ymd b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return (a.d > b.d) - (a.d < b.d);
}

void wp_ymd_format(wp_ymd t, char out[11])
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)t.y % 10000u, (unsigned)t.m % 100u, (unsigned)t.d % 100u);
}

/* The value of n digits at s. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int wp_iso_date(const char *s, wp_ymd *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) || !all_digits(s + 5, 2) ||
	    !all_digits(s + 8, 2))
		return 0;
	wp_ymd t = {digits(s, 4), digits(s + 5, 2), digits(s + 8, 2)};
	if (!wp_ymd_valid(t) || t.y > 2099)
		return 0;
	if (out)
		*out = t;
	return 1;
}

int wp_dmy_date(const char *s, size_t n, wp_ymd *out)
{
	if (n != 10 || s[2] != '/' || s[5] != '/')
		return 0;
	int placeholder = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 2 || i == 5 || (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (s[i] != 'x' && s[i] != 'X' && s[i] != '?')
			return 0;
		placeholder = 1;
	}
	if (placeholder)
		return -1;
	wp_ymd t = {digits(s + 6, 4), digits(s + 3, 2), digits(s, 2)};
	if (!wp_ymd_valid(t))
		return 0;
	*out = t;
	return 1;
}

int wp_due_date(const char *s, size_t n, wp_ymd *out)
{
	if (wp_dmy_date(s, n, out) == 1)
		return 1;
	if (n != 10 || s[2] != '/' || s[5] != '/' || !all_digits(s + 3, 2) || !all_digits(s + 6, 4))
		return 0;
	wp_ymd t = {digits(s + 6, 4), digits(s + 3, 2), 0};
	if (t.m < 1 || t.m > 12 || t.y < 1900 || t.y > 2199)
		return 0;
	*out = t;
	return 1;
}

static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
				     "august", "september", "october", "november", "december"};

const char *wp_month_name(int m)
{
	return m >= 1 && m <= 12 ? months[m - 1] : "";
}

int wp_month_word(const char *w, size_t n)
{
	for (int i = 0; i < 12; i++)
		if (n >= 3 && n <= strlen(months[i]) && strncasecmp(w, months[i], n) == 0)
			return i + 1;
	return n == 4 && strncasecmp(w, "sept", 4) == 0 ? 9 : 0;
}

/* The month whose last day ends the period a word names: a month, or a
 * season (as the northern hemisphere's committees use them); 0. */
static int period_month(const char *w, size_t n)
{
	static const struct {
		const char *name;
		int month;
	} seasons[] = {
		{"spring", 5}, {"summer", 8}, {"autumn", 11}, {"fall", 11}, {"winter", 2},
	};
	int m = wp_month_word(w, n);
	for (size_t i = 0; !m && i < sizeof seasons / sizeof seasons[0]; i++)
		if (n == strlen(seasons[i].name) && strncasecmp(w, seasons[i].name, n) == 0)
			m = seasons[i].month;
	return m;
}

size_t wp_text_years(const char *t, void (*fn)(wp_ymd end, void *data), void *data)
{
	size_t found = 0;
	for (const char *p = t; *p; p++) {
		if (!all_digits(p, 4) || (p > t && isalnum((unsigned char)p[-1])) || isalnum((unsigned char)p[4]))
			continue;
		wp_ymd d = {digits(p, 4), 12, 31};
		if (d.y < 1900 || d.y > 2199)
			continue;
		/* the word before it, through "/" ("Spring/Autumn 2023": Autumn) */
		const char *e = p;
		while (e > t && (e[-1] == ' ' || e[-1] == '-'))
			e--;
		const char *s = e;
		while (s > t && isalpha((unsigned char)s[-1]))
			s--;
		int m = e > s ? period_month(s, (size_t)(e - s)) : 0;
		if (m) {
			d.m = m;
			d.d = wp_month_days(1900, m); /* (a period's end: February's 28th) */
		}
		fn(d, data);
		found++;
		p += 3;
	}
	return found;
}

static void keep_latest(wp_ymd d, void *data)
{
	wp_ymd *l = data;
	if (wp_ymd_cmp(d, *l) > 0)
		*l = d;
}

int wp_text_latest(const char *t, wp_ymd *latest)
{
	wp_ymd l = {0, 0, 0};
	if (!wp_text_years(t, keep_latest, &l))
		return 0;
	*latest = l;
	return 1;
}

/* A year at s: four digits, not after a digit. */
static int year_at(const char *t, const char *s)
{
	return all_digits(s, 4) && !(s > t && isdigit((unsigned char)s[-1]));
}

int wp_text_period(const char *t, int loose, int *start, int *end)
{
	for (const char *s = t; *s; s++) {
		if (!year_at(t, s))
			continue;
		const char *e = s + 4;
		int a = atoi(s), dash = 0;
		if (!loose) {
			while (*e == ' ')
				e++;
			if (*e == '-' || *e == '/')
				e++, dash = 1;
			else if (!strncmp(e, "\xE2\x80\x93", 3) || !strncmp(e, "\xE2\x80\x94", 3))
				e += 3, dash = 1;
			while (*e == ' ')
				e++;
			if (!dash || !all_digits(e, 4) || isdigit((unsigned char)e[4]))
				continue;
			int b = atoi(e);
			if (a >= 1900 && b >= a && b - a < 50) {
				*start = a;
				*end = b;
				return 1;
			}
			continue;
		}
		/* "July 2019 to June 2022": a dash or "to" among the few
		 * characters before the next number */
		for (int k = 0; k < 16 && *e && !isdigit((unsigned char)*e); k++, e++)
			if (*e == '-' || !strncmp(e, "\xE2\x80\x93", 3) || !strncmp(e, "to ", 3))
				dash = 1;
		if (dash && isdigit((unsigned char)e[0]) && strlen(e) >= 4) {
			int b = atoi(e);
			if (a >= 1900 && b > a && b - a <= 10) {
				*start = a;
				*end = b;
				return 1;
			}
		}
	}
	return 0;
}
