#include "failure.h"

#include "json.h"
#include "privilege.h"

#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *code;
	int exit_status;
} failures[] = {
	[FAILURE_NONE] = { "none", 0 },
	[FAILURE_CAPTURE] = { "capture-error", 1 },
	[FAILURE_USAGE] = { "usage", 2 },
	[FAILURE_BAD_FILTER] = { "bad-filter", 3 },
	[FAILURE_PERMISSION_DENIED] = { "permission-denied", 4 },
	[FAILURE_NO_SUCH_DEVICE] = { "no-such-device", 5 },
	[FAILURE_INTERFACE_DOWN] = { "interface-down", 6 },
	[FAILURE_INTERFACE_GONE] = { "interface-gone", 7 },
	[FAILURE_BAD_LINKTYPE] = { "bad-linktype", 8 },
	[FAILURE_WRITE_FAILED] = { "write-failed", 9 },
};

const char *failure_code(enum failure_kind kind)
{
	return failures[kind].code;
}

int failure_exit_status(enum failure_kind kind)
{
	return failures[kind].exit_status;
}

int failure_report(enum failure_kind kind, const char *detail, const char *format, ...)
{
	char message[1024];
	va_list arguments;
	va_start(arguments, format);
	vsnprintf(message, sizeof message, format, arguments);
	va_end(arguments);

	struct json line;
	json_init(&line);
	json_open_object(&line);
	json_member_string(&line, "type", "error");
	json_member_string(&line, "code", failure_code(kind));
	json_member_string(&line, "message", message);
	if (detail != NULL && detail[0] != '\0')
		json_member_string(&line, "detail", detail);
	if (kind == FAILURE_PERMISSION_DENIED)
		json_member_string(&line, "fix", privilege_fix_command());
	json_close_object(&line);
	/* If stderr is gone too there is no one left to tell. */
	(void)json_write_line(&line, STDERR_FILENO);
	json_free(&line);
	return failure_exit_status(kind);
}

static int mentions(const char *message, const char *needle)
{
	return message != NULL && strstr(message, needle) != NULL;
}

static int is_permission_message(const char *message)
{
	return mentions(message, "Operation not permitted") || mentions(message, "Permission denied") ||
	       mentions(message, "permission denied") || mentions(message, "don't have permission");
}

enum failure_kind failure_from_activate(int status, const char *message)
{
	switch (status) {
	case PCAP_ERROR_PERM_DENIED:
	case PCAP_ERROR_PROMISC_PERM_DENIED:
		return FAILURE_PERMISSION_DENIED;
	case PCAP_ERROR_NO_SUCH_DEVICE:
		return FAILURE_NO_SUCH_DEVICE;
	case PCAP_ERROR_IFACE_NOT_UP:
		return FAILURE_INTERFACE_DOWN;
	default:
		/* Some paths in libpcap report EPERM as a plain PCAP_ERROR with strerror's text. */
		if (is_permission_message(message))
			return FAILURE_PERMISSION_DENIED;
		if (mentions(message, "No such device"))
			return FAILURE_NO_SUCH_DEVICE;
		return FAILURE_CAPTURE;
	}
}

enum failure_kind failure_from_dispatch(const char *message)
{
	/*
	 * pcap-linux.c reports a vanished or downed device as "The interface went
	 * down" / "The interface disappeared" (ENETDOWN on the socket); other paths
	 * pass ENETDOWN, ENODEV or ENXIO through strerror ("Network is down",
	 * "No such device", "No such device or address").
	 */
	if (mentions(message, "The interface went down") || mentions(message, "The interface disappeared") ||
	    mentions(message, "Network is down") || mentions(message, "No such device"))
		return FAILURE_INTERFACE_GONE;
	return FAILURE_CAPTURE;
}
