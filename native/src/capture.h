/* The capture: pcap to stdout, stats to stderr, until a stop condition. */
#ifndef NETMORTEM_CAPTURE_H
#define NETMORTEM_CAPTURE_H

#include "options.h"

/* Returns the exit status. */
int capture_run(const struct options *options);

#endif
