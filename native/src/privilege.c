#include "privilege.h"

#include <limits.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *privilege_helper_path(void)
{
	static char path[PATH_MAX];
	if (path[0] == '\0') {
		if (realpath("/proc/self/exe", path) == NULL)
			snprintf(path, sizeof path, "%s", "netmortem-capture");
	}
	return path;
}

const char *privilege_fix_command(void)
{
	static char command[PATH_MAX + 64];
	if (command[0] == '\0')
		snprintf(command, sizeof command, "sudo setcap cap_net_raw,cap_net_admin+eip %s", privilege_helper_path());
	return command;
}

int privilege_drop(void)
{
	/* capset(2) through the raw system call, so the helper needs no libcap. Zero sets clear every capability. */
	struct __user_cap_header_struct header = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	memset(data, 0, sizeof data);
	if (syscall(SYS_capset, &header, data) != 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return 0;
}
