/*
 * Stop signals. SIGINT, SIGTERM and SIGHUP stay blocked except while the
 * capture loop waits in ppoll(), so a signal can never slip in between the
 * loop's check and its wait. SIGPIPE is ignored: a closed stdout then shows
 * as EPIPE from write, and the helper stops cleanly instead of dying silently.
 */
#ifndef NETMORTEM_SIGNALS_H
#define NETMORTEM_SIGNALS_H

#include <pcap/pcap.h>
#include <signal.h>

/* Installs the handlers before the capture opens, so an early signal still ends in a clean stop. */
void signals_install(void);

/* The handle the handler breaks out of pcap_dispatch(); NULL to detach before closing it. */
void signals_attach(pcap_t *handle);

/* The mask to wait with: the current one with the stop signals unblocked. */
const sigset_t *signals_wait_mask(void);

/* The stop signal received, or 0. */
int signals_received(void);

#endif
