/* Opening and activating a capture handle with the command line's settings. */
#ifndef NETMORTEM_HANDLE_H
#define NETMORTEM_HANDLE_H

#include "options.h"

#include <pcap/pcap.h>

/*
 * Creates, configures and activates a handle on options->interface, asking for
 * nanosecond time stamps where libpcap offers them. On failure it prints the
 * error line, stores the exit status in *status and returns NULL.
 */
pcap_t *handle_open(const struct options *options, int *status);

#endif
