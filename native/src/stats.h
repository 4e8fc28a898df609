/*
 * Stats lines on stderr:
 * {"type":"stats","received":N,"dropped":N,"interfaceDropped":N,"captured":N}
 * and, once at the end, the same with "final":true and the stop "reason".
 */
#ifndef NETMORTEM_STATS_H
#define NETMORTEM_STATS_H

#include <pcap/pcap.h>

struct stats {
	/* 64-bit running totals: libpcap's counters are 32-bit and wrap on long, fast captures. */
	unsigned long long received;
	unsigned long long dropped;
	unsigned long long interface_dropped;
	unsigned int last_received;
	unsigned int last_dropped;
	unsigned int last_interface_dropped;
	unsigned long long captured;
	unsigned long long captured_bytes;
};

void stats_init(struct stats *stats);

/* Reads libpcap's counters and prints one line. reason is NULL unless final. */
void stats_emit(struct stats *stats, pcap_t *handle, int final, const char *reason);

#endif
