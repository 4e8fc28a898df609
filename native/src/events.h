/* The JSON lines on stderr other than errors and stats: "started" and "warning". */
#ifndef NETMORTEM_EVENTS_H
#define NETMORTEM_EVENTS_H

#include "options.h"

#include <pcap/pcap.h>

void events_warning(const char *code, const char *message, const char *detail);

/* {"type":"notice",...}: news that needs no action, such as an interface coming back up. */
void events_notice(const char *code, const char *message);

/* {"type":"started",...}: the capture is open, the pcap header is on stdout, packets follow. */
void events_started(pcap_t *handle, const struct options *options, int privileges_dropped);

#endif
