/*
 * Privilege handling, in dumpcap's manner: the helper is the only program that
 * holds capture capabilities, and it gives them up as soon as the capture
 * socket is open.
 */
#ifndef NETMORTEM_PRIVILEGE_H
#define NETMORTEM_PRIVILEGE_H

/* The absolute path of this executable (realpath of /proc/self/exe). */
const char *privilege_helper_path(void);

/* "sudo setcap cap_net_raw,cap_net_admin+eip <absolute path>": the one fix for a permission failure. */
const char *privilege_fix_command(void);

/* Drops every capability of this process and forbids regaining any. Returns 0 on success, -1 otherwise. */
int privilege_drop(void);

#endif
