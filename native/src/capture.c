/*
 * The capture loop. One ppoll() waits on the capture socket, on stdin (when it
 * is a pipe or socket: the parent's lifeline) and on the next stats or
 * duration deadline. The handle is non-blocking, and each pcap_dispatch()
 * batch goes through a 1 MiB stdout buffer that is flushed once per batch,
 * so a reader sees packets promptly without a write per packet. Records are
 * only ever written whole, so whatever reached stdout is a valid pcap file
 * even if the capture dies.
 */
#include "capture.h"

#include "events.h"
#include "failure.h"
#include "filter.h"
#include "handle.h"
#include "link-state.h"
#include "pcapfile.h"
#include "privilege.h"
#include "signals.h"
#include "stats.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STDOUT_BUFFER_BYTES (1024 * 1024)
/*
 * A pipe holds 64 KiB by default: under 2 ms of a DNS flood at 400k packets/s. A bigger
 * one lets the helper keep moving packets from the kernel ring while the reader is busy
 * (Node analyses in slices of a few ms), and the reader takes more per wake-up.
 */
#define STDOUT_PIPE_BYTES (1024 * 1024)
#define STDOUT_PIPE_FALLBACK_BYTES (256 * 1024)
/* Packets per pcap_dispatch(): bounds the time between stats lines and signal checks under a flood. */
#define DISPATCH_BATCH 8192
/* The longest ppoll() wait when no deadline is nearer. */
#define IDLE_WAIT_MS 1000
#define NO_DESCRIPTOR_TICK_MS 10

enum stop_reason {
	RUNNING = 0,
	STOP_COUNT,
	STOP_DURATION,
	STOP_SIGNAL,
	STOP_STDIN_CLOSED,
	STOP_STDOUT_CLOSED,
	STOP_INTERFACE_GONE,
	STOP_CAPTURE_ERROR,
	STOP_WRITE_FAILED,
};

static const char *const reason_names[] = {
	[RUNNING] = "running",
	[STOP_COUNT] = "count",
	[STOP_DURATION] = "duration",
	[STOP_SIGNAL] = "signal",
	[STOP_STDIN_CLOSED] = "stdin-closed",
	[STOP_STDOUT_CLOSED] = "stdout-closed",
	[STOP_INTERFACE_GONE] = "interface-gone",
	[STOP_CAPTURE_ERROR] = "capture-error",
	[STOP_WRITE_FAILED] = "write-failed",
};

struct capture {
	pcap_t *handle;
	const struct options *options;
	struct stats stats;
	int write_errno; /* set by the packet callback when stdout fails */
	enum stop_reason reason;
	char message[PCAP_ERRBUF_SIZE + 128];
	struct link_watch link;
};

static char stdout_buffer[STDOUT_BUFFER_BYTES];

static long long now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The parent holds the other end of a pipe or socket on stdin; its closing means "stop". */
static int stdin_is_lifeline(void)
{
	struct stat status;
	if (fstat(STDIN_FILENO, &status) != 0)
		return 0;
	return S_ISFIFO(status.st_mode) || S_ISSOCK(status.st_mode);
}

/* Best effort: an unprivileged process may not go beyond /proc/sys/fs/pipe-max-size (1 MiB by default). */
static void grow_stdout_pipe(void)
{
	struct stat status;
	if (fstat(STDOUT_FILENO, &status) != 0 || !S_ISFIFO(status.st_mode))
		return;
	if (fcntl(STDOUT_FILENO, F_SETPIPE_SZ, STDOUT_PIPE_BYTES) < 0)
		(void)fcntl(STDOUT_FILENO, F_SETPIPE_SZ, STDOUT_PIPE_FALLBACK_BYTES);
}

static void on_packet(unsigned char *user, const struct pcap_pkthdr *header, const unsigned char *data)
{
	struct capture *capture = (struct capture *)(void *)user;
	if (capture->write_errno != 0)
		return;
	errno = 0;
	if (pcapfile_write_record(stdout, header, data) != 0) {
		capture->write_errno = errno;
		pcap_breakloop(capture->handle);
		return;
	}
	capture->stats.captured++;
	capture->stats.captured_bytes += header->caplen;
}

/* Sets the stop reason from a failed write to stdout. */
static void stop_for_write_error(struct capture *capture, int error)
{
	if (error == EPIPE) {
		capture->reason = STOP_STDOUT_CLOSED;
	} else {
		capture->reason = STOP_WRITE_FAILED;
		snprintf(capture->message, sizeof capture->message, "cannot write pcap to stdout: %s", strerror(error));
	}
}

static int flush_stdout(struct capture *capture)
{
	errno = 0;
	if (fflush(stdout) != 0) {
		stop_for_write_error(capture, errno != 0 ? errno : EIO);
		return -1;
	}
	return 0;
}

/* Reads whatever the parent wrote on stdin; end of file (or a broken stdin) stops the capture. */
static int stdin_closed(short events)
{
	if (events & POLLIN) {
		char discard[256];
		ssize_t count = read(STDIN_FILENO, discard, sizeof discard);
		if (count > 0 || (count < 0 && (errno == EINTR || errno == EAGAIN)))
			return 0;
		return 1;
	}
	return (events & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static void dispatch(struct capture *capture, int *more_ready)
{
	int limit = DISPATCH_BATCH;
	if (capture->options->count > 0) {
		long long remaining = capture->options->count - (long long)capture->stats.captured;
		if (remaining < limit)
			limit = (int)remaining;
	}
	int dispatched = pcap_dispatch(capture->handle, limit, on_packet, (unsigned char *)capture);
	*more_ready = dispatched >= limit;
	if (capture->write_errno != 0) {
		stop_for_write_error(capture, capture->write_errno);
		return;
	}
	if (dispatched == PCAP_ERROR) {
		const char *message = pcap_geterr(capture->handle);
		if (failure_from_dispatch(message) == FAILURE_INTERFACE_GONE) {
			capture->reason = STOP_INTERFACE_GONE;
			snprintf(capture->message, sizeof capture->message, "interface %s went away or down during the capture: %s",
			         capture->options->interface, message);
		} else {
			capture->reason = STOP_CAPTURE_ERROR;
			snprintf(capture->message, sizeof capture->message, "capture on %s failed: %s",
			         capture->options->interface, message);
		}
		return;
	}
	/* PCAP_ERROR_BREAK comes from the signal handler, which the loop notices itself. */
	if (dispatched > 0 && flush_stdout(capture) != 0)
		return;
	if (capture->options->count > 0 && (long long)capture->stats.captured >= capture->options->count)
		capture->reason = STOP_COUNT;
}

/* Tells the reader when the interface goes down (a gap in the capture) and when it is back. */
static void check_link(struct capture *capture)
{
	int changed;
	enum link_state state = link_watch_check(&capture->link, &changed);
	if (!changed)
		return;
	char message[256];
	if (state == LINK_DOWN) {
		snprintf(message, sizeof message, "interface %s went down; the capture waits for it to come back up",
		         capture->options->interface);
		events_warning("interface-down", message, NULL);
	} else {
		snprintf(message, sizeof message, "interface %s is up again; the capture continues", capture->options->interface);
		events_notice("interface-up", message);
	}
}

static int wait_ms(long long deadline, long long now)
{
	long long wait = deadline - now;
	if (wait < 0)
		return 0;
	return (int)(wait < IDLE_WAIT_MS ? wait : IDLE_WAIT_MS);
}

static void run_loop(struct capture *capture)
{
	const struct options *options = capture->options;
	int capture_fd = pcap_get_selectable_fd(capture->handle);
	int watch_stdin = stdin_is_lifeline();
	long long started = now_ms();
	long long stop_at = options->duration_ms > 0 ? started + options->duration_ms : 0;
	long long next_stats = options->stats_interval_ms > 0 ? started + options->stats_interval_ms : 0;
	long long next_link_check = started + IDLE_WAIT_MS;
	int more_ready = 0;

	while (capture->reason == RUNNING) {
		if (signals_received() != 0) {
			capture->reason = STOP_SIGNAL;
			break;
		}
		long long now = now_ms();
		if (stop_at != 0 && now >= stop_at) {
			capture->reason = STOP_DURATION;
			break;
		}
		if (next_stats != 0 && now >= next_stats) {
			stats_emit(&capture->stats, capture->handle, 0, NULL);
			next_stats += options->stats_interval_ms;
			if (next_stats <= now)
				next_stats = now + options->stats_interval_ms;
		}

		if (now >= next_link_check) {
			check_link(capture);
			next_link_check = now + IDLE_WAIT_MS;
		}

		int timeout = wait_ms(next_link_check, now);
		if (stop_at != 0 && wait_ms(stop_at, now) < timeout)
			timeout = wait_ms(stop_at, now);
		if (next_stats != 0 && wait_ms(next_stats, now) < timeout)
			timeout = wait_ms(next_stats, now);
		/* Devices without a pollable descriptor (rare on Linux) are drained on a short tick instead. */
		if (capture_fd < 0 && timeout > NO_DESCRIPTOR_TICK_MS)
			timeout = NO_DESCRIPTOR_TICK_MS;
		if (more_ready)
			timeout = 0;

		struct pollfd descriptors[2] = {
			{ .fd = capture_fd, .events = POLLIN },
			{ .fd = STDIN_FILENO, .events = POLLIN },
		};
		struct timespec wait = { .tv_sec = timeout / 1000, .tv_nsec = (long)(timeout % 1000) * 1000000 };
		int ready = ppoll(descriptors, watch_stdin ? 2 : 1, &wait, signals_wait_mask());
		if (ready < 0) {
			if (errno == EINTR)
				continue;
			capture->reason = STOP_CAPTURE_ERROR;
			snprintf(capture->message, sizeof capture->message, "waiting for packets failed: %s", strerror(errno));
			break;
		}
		/* The socket reports ENETDOWN as POLLERR when the interface goes down: look at once. */
		if (descriptors[0].revents & POLLERR)
			check_link(capture);
		/* Also dispatch on a timeout: a non-blocking dispatch of nothing is cheap, and it is a safety net. */
		dispatch(capture, &more_ready);
		if (capture->reason == RUNNING && watch_stdin && stdin_closed(descriptors[1].revents))
			capture->reason = STOP_STDIN_CLOSED;
	}
}

static int finish(struct capture *capture)
{
	/* A final flush; records are whole, so even after an error the stream stays a valid pcap file. */
	if (capture->reason != STOP_STDOUT_CLOSED && capture->reason != STOP_WRITE_FAILED)
		(void)flush_stdout(capture);

	int status = 0;
	switch (capture->reason) {
	case STOP_INTERFACE_GONE:
		status = failure_report(FAILURE_INTERFACE_GONE, pcap_geterr(capture->handle), "%s", capture->message);
		break;
	case STOP_CAPTURE_ERROR:
		status = failure_report(FAILURE_CAPTURE, NULL, "%s", capture->message);
		break;
	case STOP_WRITE_FAILED:
		status = failure_report(FAILURE_WRITE_FAILED, NULL, "%s", capture->message);
		break;
	default:
		break;
	}
	stats_emit(&capture->stats, capture->handle, 1, reason_names[capture->reason]);
	return status;
}

int capture_run(const struct options *options)
{
	/* Before anything reaches stdout. */
	setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
	grow_stdout_pipe();
	signals_install();

	struct capture capture = { .options = options };
	stats_init(&capture.stats);
	int status;
	capture.handle = handle_open(options, &status);
	if (capture.handle == NULL)
		return status;
	status = filter_install(capture.handle, options->interface, options->filter);
	if (status != 0) {
		pcap_close(capture.handle);
		return status;
	}
	if (pcap_setnonblock(capture.handle, 1, (char[PCAP_ERRBUF_SIZE]){ 0 }) != 0) {
		status = failure_report(FAILURE_CAPTURE, pcap_geterr(capture.handle), "cannot make the capture non-blocking");
		pcap_close(capture.handle);
		return status;
	}
	/* The socket is open and filtered: nothing left needs a capability, so give them all up. */
	int dropped = privilege_drop() == 0;
	if (!dropped)
		events_warning("privileges-kept", "could not drop capabilities after opening the capture", strerror(errno));
	signals_attach(capture.handle);

	errno = 0;
	if (pcapfile_write_header(stdout, capture.handle) != 0)
		stop_for_write_error(&capture, errno != 0 ? errno : EIO);
	else
		(void)flush_stdout(&capture);
	if (capture.reason == RUNNING) {
		events_started(capture.handle, options, dropped);
		link_watch_open(&capture.link, options->interface);
		run_loop(&capture);
		link_watch_close(&capture.link);
	}
	status = finish(&capture);
	signals_attach(NULL);
	pcap_close(capture.handle);
	return status;
}
