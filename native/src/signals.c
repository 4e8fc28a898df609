#include "signals.h"

#include <stddef.h>

static volatile sig_atomic_t received;
static pcap_t *volatile capture_handle;
static sigset_t wait_mask;

static void on_stop_signal(int signal_number)
{
	received = signal_number;
	/* Like dumpcap: ends a pcap_dispatch() in progress (in 1.10 this sets a flag and writes an eventfd). */
	if (capture_handle != NULL)
		pcap_breakloop(capture_handle);
}

void signals_attach(pcap_t *handle)
{
	capture_handle = handle;
}

void signals_install(void)
{
	static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

	struct sigaction ignore = { .sa_handler = SIG_IGN };
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGPIPE, &ignore, NULL);

	sigset_t blocked;
	sigemptyset(&blocked);
	struct sigaction stop = { .sa_handler = on_stop_signal, .sa_flags = 0 };
	sigemptyset(&stop.sa_mask);
	for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++) {
		sigaddset(&stop.sa_mask, stop_signals[i]);
		sigaddset(&blocked, stop_signals[i]);
	}
	for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
		sigaction(stop_signals[i], &stop, NULL);

	sigprocmask(SIG_BLOCK, &blocked, &wait_mask);
	for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
		sigdelset(&wait_mask, stop_signals[i]);
}

const sigset_t *signals_wait_mask(void)
{
	return &wait_mask;
}

int signals_received(void)
{
	return received;
}
