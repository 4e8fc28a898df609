/*
 * netmortem-capture: the privileged capture helper, in the model of Wireshark's
 * dumpcap. It opens one interface with libpcap, streams pcap on stdout and
 * reports progress as JSON lines on stderr. It is the only part of netmortem
 * that needs capture privileges. This file parses the command line.
 */
#include "capture.h"
#include "failure.h"
#include "filter.h"
#include "list.h"
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HELPER_VERSION "0.1.0"

static const char usage_text[] =
	"usage: netmortem-capture --list\n"
	"       netmortem-capture -i IFACE [-f FILTER] [-s SNAPLEN] [-p | --promiscuous]\n"
	"                         [--immediate | --no-immediate] [-B BUFFER_MB] [-c COUNT]\n"
	"                         [-a duration:SECONDS] [--linktype NAME|NUMBER] [--stats-interval MS]\n"
	"       netmortem-capture --check-filter [-i IFACE | --linktype NAME|NUMBER] -f FILTER\n"
	"\n"
	"  -D, --list               interfaces as a JSON array on stdout\n"
	"  -i, --interface IFACE    interface to capture on\n"
	"  -f, --filter FILTER      BPF capture filter (pcap-filter(7) syntax)\n"
	"  -s, --snaplen N          bytes kept per packet, 1-262144 (default 262144)\n"
	"  -p, --no-promiscuous     do not put the interface in promiscuous mode (the default)\n"
	"      --promiscuous        put the interface in promiscuous mode\n"
	"      --immediate          deliver packets as they arrive (the default)\n"
	"      --no-immediate       let the kernel batch packets (up to 250 ms)\n"
	"  -B, --buffer-size MB     kernel capture buffer in MiB, 1-2047 (default 8)\n"
	"  -c, --count N            stop after N packets\n"
	"  -a, --autostop duration:SECONDS   stop after SECONDS (decimals allowed)\n"
	"  -y, --linktype NAME|NUMBER        link type, e.g. EN10MB or 1 (default: the interface's)\n"
	"      --stats-interval MS  stats line period in ms, 0 for the final line only (default 1000)\n"
	"      --check-filter       compile the filter, print {\"ok\":true,...} and exit\n"
	"  -h, --help               this text\n"
	"      --version            helper and libpcap versions\n"
	"\n"
	"pcap goes to stdout; stats and errors go to stderr as JSON lines.\n"
	"Capture stops on SIGINT, SIGTERM, SIGHUP, when stdin (a pipe or socket) closes,\n"
	"and when stdout's reader goes away.\n";

enum long_only_option {
	OPTION_PROMISCUOUS = 256,
	OPTION_IMMEDIATE,
	OPTION_NO_IMMEDIATE,
	OPTION_CHECK_FILTER,
	OPTION_STATS_INTERVAL,
	OPTION_VERSION,
};

static const struct option long_options[] = {
	{ "list", no_argument, NULL, 'D' },
	{ "interface", required_argument, NULL, 'i' },
	{ "filter", required_argument, NULL, 'f' },
	{ "snaplen", required_argument, NULL, 's' },
	{ "no-promiscuous", no_argument, NULL, 'p' },
	{ "promiscuous", no_argument, NULL, OPTION_PROMISCUOUS },
	{ "immediate", no_argument, NULL, OPTION_IMMEDIATE },
	{ "no-immediate", no_argument, NULL, OPTION_NO_IMMEDIATE },
	{ "buffer-size", required_argument, NULL, 'B' },
	{ "count", required_argument, NULL, 'c' },
	{ "autostop", required_argument, NULL, 'a' },
	{ "linktype", required_argument, NULL, 'y' },
	{ "stats-interval", required_argument, NULL, OPTION_STATS_INTERVAL },
	{ "check-filter", no_argument, NULL, OPTION_CHECK_FILTER },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPTION_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* Parses a whole decimal integer in [minimum, maximum]; returns 0 on success. */
static int parse_integer(const char *text, long long minimum, long long maximum, long long *value)
{
	char *end;
	errno = 0;
	long long parsed = strtoll(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || parsed < minimum || parsed > maximum)
		return -1;
	*value = parsed;
	return 0;
}

/* "-a duration:SECONDS", as dumpcap spells it. */
static int parse_autostop(const char *text, long long *duration_ms)
{
	static const char prefix[] = "duration:";
	if (strncmp(text, prefix, sizeof prefix - 1) != 0)
		return -1;
	const char *number = text + sizeof prefix - 1;
	char *end;
	errno = 0;
	double seconds = strtod(number, &end);
	if (errno != 0 || end == number || *end != '\0' || !isfinite(seconds) || seconds <= 0 || seconds > 31536000)
		return -1;
	*duration_ms = (long long)ceil(seconds * 1000.0);
	return 0;
}

static int usage_error(const char *format, const char *argument)
{
	char message[512];
	snprintf(message, sizeof message, format, argument);
	return failure_report(FAILURE_USAGE, NULL, "%s (see --help)", message);
}

static int parse_options(int argc, char **argv, struct options *options)
{
	*options = (struct options){
		.mode = MODE_CAPTURE,
		.snaplen = DEFAULT_SNAPLEN,
		.promiscuous = 0,
		.immediate = 1,
		.buffer_mb = DEFAULT_BUFFER_MB,
		.stats_interval_ms = DEFAULT_STATS_INTERVAL_MS,
	};
	int list = 0, check_filter = 0, help = 0, version = 0;
	long long value;
	opterr = 0;
	int option;
	while ((option = getopt_long(argc, argv, ":Di:f:s:pB:c:a:y:h", long_options, NULL)) != -1) {
		switch (option) {
		case 'D': list = 1; break;
		case 'i': options->interface = optarg; break;
		case 'f': options->filter = optarg; break;
		case 's':
			if (parse_integer(optarg, 1, MAXIMUM_SNAPLEN, &value) != 0)
				return usage_error("snaplen must be a whole number from 1 to 262144, not '%s'", optarg);
			options->snaplen = (int)value;
			break;
		case 'p': options->promiscuous = 0; break;
		case OPTION_PROMISCUOUS: options->promiscuous = 1; break;
		case OPTION_IMMEDIATE: options->immediate = 1; break;
		case OPTION_NO_IMMEDIATE: options->immediate = 0; break;
		case 'B':
			if (parse_integer(optarg, 1, 2047, &value) != 0)
				return usage_error("buffer size must be a whole number of MiB from 1 to 2047, not '%s'", optarg);
			options->buffer_mb = (int)value;
			break;
		case 'c':
			if (parse_integer(optarg, 1, 1LL << 62, &value) != 0)
				return usage_error("count must be a positive whole number, not '%s'", optarg);
			options->count = value;
			break;
		case 'a':
			if (parse_autostop(optarg, &options->duration_ms) != 0)
				return usage_error("autostop must be duration:SECONDS with SECONDS > 0, not '%s'", optarg);
			break;
		case 'y': options->linktype = optarg; break;
		case OPTION_STATS_INTERVAL:
			if (parse_integer(optarg, 0, 3600000, &value) != 0)
				return usage_error("stats interval must be a whole number of ms from 0 to 3600000, not '%s'", optarg);
			options->stats_interval_ms = (int)value;
			break;
		case OPTION_CHECK_FILTER: check_filter = 1; break;
		case 'h': help = 1; break;
		case OPTION_VERSION: version = 1; break;
		case ':':
			return usage_error("option %s needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s' (quote the filter and pass it with -f)", argv[optind]);
	if (list + check_filter + help + version > 1)
		return usage_error("%s", "choose one of --list, --check-filter, --help and --version");
	if (help)
		options->mode = MODE_HELP;
	else if (version)
		options->mode = MODE_VERSION;
	else if (list)
		options->mode = MODE_LIST;
	else if (check_filter)
		options->mode = MODE_CHECK_FILTER;
	else if (options->interface == NULL)
		return usage_error("%s", "no interface: pass -i IFACE (netmortem-capture --list shows them)");
	return 0;
}

int main(int argc, char **argv)
{
	/* A reader that goes away must show as EPIPE from write, in every mode, not kill us silently. */
	signal(SIGPIPE, SIG_IGN);
	struct options options;
	int status = parse_options(argc, argv, &options);
	if (status != 0)
		return status;
	switch (options.mode) {
	case MODE_HELP:
		fputs(usage_text, stdout);
		return 0;
	case MODE_VERSION:
		printf("netmortem-capture %s (%s)\n", HELPER_VERSION, pcap_lib_version());
		return 0;
	case MODE_LIST:
		return list_interfaces();
	case MODE_CHECK_FILTER:
		return filter_check(&options);
	case MODE_CAPTURE:
		break;
	}
	return capture_run(&options);
}
