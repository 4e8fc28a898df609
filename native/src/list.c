/*
 * --list. Names, descriptions, addresses and flags come from
 * pcap_findalldevs(). The link type needs an activated handle, which needs
 * capture privileges, so it is probed only when permitted (null otherwise), and
 * only on real network devices and "any": activating pseudo-devices such as
 * nfqueue or nflog would take over a netfilter queue or log group from
 * whatever else uses it.
 */
#include "list.h"

#include "events.h"
#include "failure.h"
#include "json.h"
#include "linktype.h"
#include "privilege.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A small ring is enough to learn the link type; the default would allocate megabytes per interface. */
#define PROBE_BUFFER_BYTES (256 * 1024)

enum probe_result { PROBE_OK, PROBE_SKIPPED, PROBE_PERMISSION_DENIED, PROBE_INTERFACE_DOWN, PROBE_FAILED };

static int is_network_device(const char *name)
{
	if (strcmp(name, "any") == 0)
		return 1;
	char path[256];
	int length = snprintf(path, sizeof path, "/sys/class/net/%s", name);
	return length > 0 && (size_t)length < sizeof path && strchr(name, '/') == NULL && access(path, F_OK) == 0;
}

static const char *const unavailable_reasons[] = {
	[PROBE_OK] = NULL,
	[PROBE_SKIPPED] = "pseudo-device",
	[PROBE_PERMISSION_DENIED] = "permission-denied",
	[PROBE_INTERFACE_DOWN] = "interface-down",
	[PROBE_FAILED] = "error",
};

/* Activates name briefly and writes "linkType" and "linkTypes", or nulls and "linkTypeUnavailable". */
static enum probe_result probe_linktypes(struct json *json, const char *name)
{
	enum probe_result result = PROBE_SKIPPED;
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *handle = NULL;
	if (is_network_device(name)) {
		handle = pcap_create(name, errbuf);
		result = PROBE_FAILED;
	}
	if (handle != NULL) {
		(void)pcap_set_snaplen(handle, 128);
		(void)pcap_set_buffer_size(handle, PROBE_BUFFER_BYTES);
		int status = pcap_activate(handle);
		if (status >= 0) {
			json_key(json, "linkType");
			linktype_json(json, pcap_datalink(handle));
			int *dlts = NULL;
			int count = pcap_list_datalinks(handle, &dlts);
			json_key(json, "linkTypes");
			json_open_array(json);
			for (int i = 0; i < count; i++)
				linktype_json(json, dlts[i]);
			json_close_array(json);
			if (dlts != NULL)
				pcap_free_datalinks(dlts);
			pcap_close(handle);
			return PROBE_OK;
		}
		enum failure_kind kind = failure_from_activate(status, pcap_geterr(handle));
		if (kind == FAILURE_PERMISSION_DENIED)
			result = PROBE_PERMISSION_DENIED;
		else if (kind == FAILURE_INTERFACE_DOWN)
			result = PROBE_INTERFACE_DOWN;
		pcap_close(handle);
	}
	json_key(json, "linkType");
	json_null(json);
	json_key(json, "linkTypes");
	json_null(json);
	json_member_string(json, "linkTypeUnavailable", unavailable_reasons[result]);
	return result;
}

static void address_text(const struct sockaddr *address, char *text, size_t size)
{
	if (address->sa_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)address)->sin_addr, text, (socklen_t)size);
	} else if (address->sa_family == AF_INET6) {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)address)->sin6_addr, text, (socklen_t)size);
	} else if (address->sa_family == AF_PACKET) {
		const struct sockaddr_ll *link = (const struct sockaddr_ll *)(const void *)address;
		size_t used = 0;
		text[0] = '\0';
		for (int i = 0; i < link->sll_halen && i < 8 && used + 4 <= size; i++)
			used += (size_t)snprintf(text + used, size - used, i == 0 ? "%02x" : ":%02x", link->sll_addr[i]);
	}
}

/* Writes the address as a string value, or null when it has no text form. */
static void address_value(struct json *json, const struct sockaddr *address)
{
	char text[INET6_ADDRSTRLEN + 32] = "";
	if (address != NULL)
		address_text(address, text, sizeof text);
	json_string(json, text[0] != '\0' ? text : NULL);
}

static void member_address(struct json *json, const char *key, const struct sockaddr *address)
{
	json_key(json, key);
	address_value(json, address);
}

static void write_addresses(struct json *json, const pcap_addr_t *addresses)
{
	json_key(json, "addresses");
	json_open_array(json);
	for (const pcap_addr_t *entry = addresses; entry != NULL; entry = entry->next) {
		if (entry->addr == NULL)
			continue;
		const char *family = entry->addr->sa_family == AF_INET    ? "inet"
		                     : entry->addr->sa_family == AF_INET6 ? "inet6"
		                     : entry->addr->sa_family == AF_PACKET ? "link"
		                                                           : NULL;
		if (family == NULL)
			continue;
		json_open_object(json);
		json_member_string(json, "family", family);
		member_address(json, "address", entry->addr);
		/* libpcap may hand back a netmask with no family set; treat it as absent. */
		const struct sockaddr *netmask = entry->netmask;
		if (netmask != NULL && netmask->sa_family != entry->addr->sa_family)
			netmask = NULL;
		member_address(json, "netmask", netmask);
		if (entry->broadaddr != NULL)
			member_address(json, "broadcast", entry->broadaddr);
		if (entry->dstaddr != NULL)
			member_address(json, "destination", entry->dstaddr);
		json_close_object(json);
	}
	json_close_array(json);
}

static const char *connection_status(bpf_u_int32 flags)
{
	switch (flags & PCAP_IF_CONNECTION_STATUS) {
	case PCAP_IF_CONNECTION_STATUS_CONNECTED: return "connected";
	case PCAP_IF_CONNECTION_STATUS_DISCONNECTED: return "disconnected";
	case PCAP_IF_CONNECTION_STATUS_NOT_APPLICABLE: return "not-applicable";
	default: return "unknown";
	}
}

int list_interfaces(void)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *devices = NULL;
	if (pcap_findalldevs(&devices, errbuf) != 0)
		return failure_report(FAILURE_CAPTURE, errbuf, "cannot list interfaces: %s", errbuf);

	struct json list;
	json_init(&list);
	json_open_array(&list);
	int permission_denied = 0;
	for (const pcap_if_t *device = devices; device != NULL; device = device->next) {
		json_open_object(&list);
		json_member_string(&list, "name", device->name);
		json_member_string(&list, "description", device->description);
		write_addresses(&list, device->addresses);
		json_key(&list, "flags");
		json_open_object(&list);
		json_member_boolean(&list, "up", (device->flags & PCAP_IF_UP) != 0);
		json_member_boolean(&list, "running", (device->flags & PCAP_IF_RUNNING) != 0);
		json_member_boolean(&list, "loopback", (device->flags & PCAP_IF_LOOPBACK) != 0);
		json_member_boolean(&list, "wireless", (device->flags & PCAP_IF_WIRELESS) != 0);
		json_member_string(&list, "connection", connection_status(device->flags));
		json_close_object(&list);
		if (probe_linktypes(&list, device->name) == PROBE_PERMISSION_DENIED)
			permission_denied = 1;
		json_close_object(&list);
	}
	json_close_array(&list);
	pcap_freealldevs(devices);

	int status = 0;
	if (json_write_line(&list, STDOUT_FILENO) != 0)
		status = failure_report(FAILURE_WRITE_FAILED, NULL, "cannot write the interface list to stdout");
	json_free(&list);
	if (permission_denied) {
		char message[512];
		snprintf(message, sizeof message, "link types need capture privileges, so they are null; fix: %s",
		         privilege_fix_command());
		events_warning("permission-denied", message, NULL);
	}
	return status;
}
