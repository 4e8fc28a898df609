/* --list: the interfaces libpcap can capture on, as one JSON array on stdout. */
#ifndef NETMORTEM_LIST_H
#define NETMORTEM_LIST_H

/* Returns the exit status. */
int list_interfaces(void);

#endif
