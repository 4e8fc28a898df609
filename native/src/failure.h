/*
 * What can go wrong, the stable code each failure has in the JSON error line,
 * and the exit status for it. The codes are a contract with the capture
 * session in electron/node: never rename one.
 */
#ifndef NETMORTEM_FAILURE_H
#define NETMORTEM_FAILURE_H

enum failure_kind {
	FAILURE_NONE = 0,
	FAILURE_CAPTURE,           /* "capture-error": any other libpcap failure */
	FAILURE_USAGE,             /* "usage": bad command line */
	FAILURE_BAD_FILTER,        /* "bad-filter": the BPF filter does not compile */
	FAILURE_PERMISSION_DENIED, /* "permission-denied": no capture privileges */
	FAILURE_NO_SUCH_DEVICE,    /* "no-such-device": the interface does not exist */
	FAILURE_INTERFACE_DOWN,    /* "interface-down": the interface exists but is not up */
	FAILURE_INTERFACE_GONE,    /* "interface-gone": it went away or down mid-capture */
	FAILURE_BAD_LINKTYPE,      /* "bad-linktype": unknown or unsupported link type */
	FAILURE_WRITE_FAILED,      /* "write-failed": stdout failed for a reason other than a closed pipe */
};

const char *failure_code(enum failure_kind kind);
int failure_exit_status(enum failure_kind kind);

/*
 * Prints one {"type":"error",...} line on stderr and returns the exit status.
 * detail, when not NULL, is libpcap's own message and goes in "detail".
 * For FAILURE_PERMISSION_DENIED the line also carries "fix": the setcap command.
 */
int failure_report(enum failure_kind kind, const char *detail, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

/* Maps a pcap_activate() status and libpcap's message to a failure kind. */
enum failure_kind failure_from_activate(int status, const char *message);

/* Maps a failed pcap_dispatch() (its message) to a failure kind: interface-gone or capture-error. */
enum failure_kind failure_from_dispatch(const char *message);

#endif
