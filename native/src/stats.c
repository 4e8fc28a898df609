#include "stats.h"

#include "json.h"

#include <string.h>
#include <unistd.h>

void stats_init(struct stats *stats)
{
	memset(stats, 0, sizeof *stats);
}

/* Adds the change of a 32-bit counter, modulo 2^32, to its 64-bit total. */
static void accumulate(unsigned long long *total, unsigned int *last, unsigned int now)
{
	*total += (unsigned int)(now - *last);
	*last = now;
}

void stats_emit(struct stats *stats, pcap_t *handle, int final, const char *reason)
{
	struct pcap_stat counters;
	const char *stats_error = NULL;
	if (pcap_stats(handle, &counters) == 0) {
		accumulate(&stats->received, &stats->last_received, counters.ps_recv);
		accumulate(&stats->dropped, &stats->last_dropped, counters.ps_drop);
		accumulate(&stats->interface_dropped, &stats->last_interface_dropped, counters.ps_ifdrop);
	} else {
		/* E.g. the interface is gone: report the last counts we had, and why they are stale. */
		stats_error = pcap_geterr(handle);
	}

	struct json line;
	json_init(&line);
	json_open_object(&line);
	json_member_string(&line, "type", "stats");
	if (final)
		json_member_boolean(&line, "final", 1);
	json_member_unsigned(&line, "received", stats->received);
	json_member_unsigned(&line, "dropped", stats->dropped);
	json_member_unsigned(&line, "interfaceDropped", stats->interface_dropped);
	json_member_unsigned(&line, "captured", stats->captured);
	json_member_unsigned(&line, "capturedBytes", stats->captured_bytes);
	if (reason != NULL)
		json_member_string(&line, "reason", reason);
	if (stats_error != NULL)
		json_member_string(&line, "statsError", stats_error);
	json_close_object(&line);
	(void)json_write_line(&line, STDERR_FILENO);
	json_free(&line);
}
