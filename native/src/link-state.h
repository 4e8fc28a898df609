/*
 * Whether the captured interface is up. On Linux an interface set down
 * mid-capture does not end a libpcap capture (pcap-linux.c keeps waiting, and
 * packets flow again once it is back up); only one that disappears does. So
 * the helper watches the up flag itself, to tell its reader about the gap.
 */
#ifndef NETMORTEM_LINK_STATE_H
#define NETMORTEM_LINK_STATE_H

enum link_state { LINK_UNKNOWN, LINK_UP, LINK_DOWN };

struct link_watch {
	int socket;
	char name[64];
	enum link_state last;
};

/* Starts watching name. Pseudo-devices such as "any" have no flags and stay LINK_UNKNOWN. */
void link_watch_open(struct link_watch *watch, const char *name);

/* Reads the flag now; returns the state, and sets *changed when it differs from the last known one. */
enum link_state link_watch_check(struct link_watch *watch, int *changed);

void link_watch_close(struct link_watch *watch);

#endif
