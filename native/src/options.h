/* The command line, parsed. Defaults are documented in native/README.md. */
#ifndef NETMORTEM_OPTIONS_H
#define NETMORTEM_OPTIONS_H

enum mode { MODE_CAPTURE, MODE_LIST, MODE_CHECK_FILTER, MODE_HELP, MODE_VERSION };

#define DEFAULT_SNAPLEN 262144
#define MAXIMUM_SNAPLEN 262144
#define DEFAULT_BUFFER_MB 8
#define DEFAULT_STATS_INTERVAL_MS 1000

struct options {
	enum mode mode;
	const char *interface;   /* -i; NULL when not given */
	const char *filter;      /* -f; NULL when not given */
	const char *linktype;    /* --linktype NAME|NUMBER; NULL for the interface's default */
	int snaplen;             /* -s */
	int promiscuous;         /* --promiscuous / -p */
	int immediate;           /* --immediate / --no-immediate */
	int buffer_mb;           /* -B */
	long long count;         /* -c; 0 for no limit */
	long long duration_ms;   /* -a duration:SECONDS; 0 for no limit */
	int stats_interval_ms;   /* --stats-interval; 0 for the final line only */
};

#endif
