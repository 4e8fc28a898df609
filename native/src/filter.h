/* BPF capture filters: installing one on a capture, and --check-filter. */
#ifndef NETMORTEM_FILTER_H
#define NETMORTEM_FILTER_H

#include "options.h"

#include <pcap/pcap.h>

/* Compiles filter for handle's link type and installs it. NULL installs nothing. Returns 0 or an exit status. */
int filter_install(pcap_t *handle, const char *interface, const char *filter);

/*
 * --check-filter: compiles -f against the link type of -i (which must then be
 * openable) or of --linktype (EN10MB when absent), prints
 * {"ok":true,"linkType":{...},"instructions":N} on stdout and returns 0; or
 * prints the bad-filter error line and returns its exit status.
 */
int filter_check(const struct options *options);

#endif
