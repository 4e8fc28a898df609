#include "link-state.h"

#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

void link_watch_open(struct link_watch *watch, const char *name)
{
	watch->last = LINK_UNKNOWN;
	snprintf(watch->name, sizeof watch->name, "%s", name);
	/* SIOCGIFFLAGS needs any socket and no privilege, so this works after the capabilities are dropped. */
	watch->socket = strlen(name) < IFNAMSIZ ? socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0) : -1;
	int changed;
	watch->last = link_watch_check(watch, &changed);
}

enum link_state link_watch_check(struct link_watch *watch, int *changed)
{
	*changed = 0;
	if (watch->socket < 0)
		return LINK_UNKNOWN;
	struct ifreq request;
	memset(&request, 0, sizeof request);
	memcpy(request.ifr_name, watch->name, strlen(watch->name));
	if (ioctl(watch->socket, SIOCGIFFLAGS, &request) != 0)
		return watch->last; /* gone, or never a real device: libpcap reports a vanished interface itself */
	enum link_state state = (request.ifr_flags & IFF_UP) ? LINK_UP : LINK_DOWN;
	if (watch->last != LINK_UNKNOWN && state != watch->last)
		*changed = 1;
	watch->last = state;
	return state;
}

void link_watch_close(struct link_watch *watch)
{
	if (watch->socket >= 0)
		close(watch->socket);
	watch->socket = -1;
}
