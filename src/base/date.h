/* date.h: the one place wpgen reads dates: ISO days (YYYY-MM-DD), due
 * dates (dd/mm/yyyy), the years a free-text timeline names ("Spring 2023,
 * June 2025 (Council)"), and a programme's period ("2022-2025"). Internal. */
#ifndef WP_BASE_DATE_H
#define WP_BASE_DATE_H

#include <stddef.h>

typedef struct wp_ymd {
	int y, m, d;
} wp_ymd;

/* The days of month m (1-12) of year y. */
int wp_month_days(int y, int m);
/* Whether y-m-d is a day of the calendar (y in [1900, 2199]). */
int wp_ymd_valid(wp_ymd t);
/* <0, 0, >0 as a is before, on or after b. */
int wp_ymd_cmp(wp_ymd a, wp_ymd b);
/* YYYY-MM-DD into out[11]. */
void wp_ymd_format(wp_ymd t, char out[11]);

/* s is exactly YYYY-MM-DD, a day of the calendar between 1900 and 2099:
 * 1 (and *out, which may be NULL), else 0. */
int wp_iso_date(const char *s, wp_ymd *out);
/* s[0..n) is exactly dd/mm/yyyy: 1 and *out when it is a day (from 1900),
 * -1 when a placeholder (x, X or ?) stands for some digit (xx/04/2023), 0
 * when it is no date. */
int wp_dmy_date(const char *s, size_t n, wp_ymd *out);
/* A schedule's due date: s[0..n) is dd/mm/yyyy whose month (1-12) and
 * year (1900-2199) are written in digits. 1 and *out, whose d is the day,
 * or 0 when the day is still to be fixed (xx/04/2023) or is no day of that
 * month; 0 when s is no such date. */
int wp_due_date(const char *s, size_t n, wp_ymd *out);

/* The month a word names (January..December, or its first three letters
 * or more, or "Sept"; case aside), 1-12, or 0. */
int wp_month_word(const char *w, size_t n);

/* The name of month m (1-12) in lower case ("january"); "" for another m. */
const char *wp_month_name(int m);

/* Calls fn for each year of free text t (four digits, 1900-2199, not part
 * of a longer number or word) with the last day of the period the word
 * before it names: a month ("June 2025": 2025-06-30), a season ("Spring
 * 2023": 2023-05-31), else the year's end. Returns the number of years. */
size_t wp_text_years(const char *t, void (*fn)(wp_ymd end, void *data), void *data);
/* The latest of those days; 0 when t names no year. */
int wp_text_latest(const char *t, wp_ymd *latest);

/* The first span of years in t: "2022-2025", "2022 – 2025", "2022/2025",
 * (strict: start >= 1900, end >= start, at most 50 years); with loose, also
 * "July 2019 to June 2022" (a few words between, end after start, at
 * most 10 years). 1 and the years, else 0. */
int wp_text_period(const char *t, int loose, int *start, int *end);

#endif
