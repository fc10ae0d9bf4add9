/* SPDX-License-Identifier: BSD-2-Clause */
#include "priv_caps.h"

#include <linux/capability.h>

const struct priv_cap priv_caps[] = {
	/* Credentials (PRIV_CRED_*): become any user or group inside. */
	{CAP_SETUID, NO_ALLOW_NEEDED, "set*uid (PRIV_CRED_SETUID...)"},
	{CAP_SETGID, NO_ALLOW_NEEDED, "set*gid, setgroups (PRIV_CRED_SETGID...)"},
	{CAP_SETPCAP, NO_ALLOW_NEEDED, "give up capabilities (daemons dropping privilege)"},

	/* Files inside the jail (PRIV_VFS_*): ownership, modes, access. */
	{CAP_CHOWN, NO_ALLOW_NEEDED, "chown (PRIV_VFS_CHOWN)"},
	{CAP_DAC_OVERRIDE, NO_ALLOW_NEEDED, "root reads and writes every file (PRIV_VFS_READ/WRITE)"},
	{CAP_DAC_READ_SEARCH, NO_ALLOW_NEEDED, "root lists every directory (PRIV_VFS_LOOKUP)"},
	{CAP_FOWNER, NO_ALLOW_NEEDED, "chmod, utimes of others' files (PRIV_VFS_ADMIN)"},
	{CAP_FSETID, NO_ALLOW_NEEDED, "set-id bits kept on write (PRIV_VFS_RETAINSUGID)"},
	{CAP_SETFCAP, NO_ALLOW_NEEDED, "file capabilities, bounded by the jail's set on exec"},
	{CAP_SYS_CHROOT, NO_ALLOW_NEEDED, "chroot inside the jail (PRIV_VFS_CHROOT)"},

	/* Processes inside the jail (PRIV_SIGNAL_DIFFCRED); which processes
	 * a signal can reach is the jail's process rule. */
	{CAP_KILL, NO_ALLOW_NEEDED, "signal processes of other users (PRIV_SIGNAL_DIFFCRED)"},

	/* Conditional, each behind its allow.* parameter. */
	{CAP_NET_BIND_SERVICE, JAIL_ALLOW_reserved_ports, "bind ports below 1024 (allow.reserved_ports)"},
	{CAP_NET_RAW, JAIL_ALLOW_raw_sockets, "raw and packet sockets (allow.raw_sockets)"},
	{CAP_IPC_LOCK, JAIL_ALLOW_mlock, "lock memory (allow.mlock)"},
	{CAP_IPC_OWNER, JAIL_ALLOW_sysvipc, "SysV IPC of other users (allow.sysvipc)"},
	{CAP_SYS_TIME, JAIL_ALLOW_settime, "set the clock (allow.settime)"},
	{CAP_SYS_TIME, JAIL_ALLOW_adjtime, "adjust the clock: adjtimex with modes (allow.adjtime)"},
	{CAP_SYSLOG, JAIL_ALLOW_read_msgbuf, "read the kernel log (allow.read_msgbuf)"},
	{CAP_LINUX_IMMUTABLE, JAIL_ALLOW_chflags, "immutable and append-only flags (allow.chflags)"},

	/* Never held: CAP_SYS_ADMIN (mounts, namespaces, swap, quotas, host
	 * name, ...), CAP_NET_ADMIN (interfaces, routes, firewall, through
	 * ioctl or netlink), CAP_SYS_MODULE, CAP_SYS_RAWIO (/dev/mem, I/O
	 * ports), CAP_SYS_BOOT, CAP_SYS_PTRACE, CAP_SYS_NICE (priority
	 * raises, real-time, also cross-uid renice, which FreeBSD allows),
	 * CAP_SYS_RESOURCE (raising hard limits would lift RLIMIT_MEMLOCK,
	 * RLIMIT_RTPRIO and RLIMIT_NICE), CAP_MKNOD, CAP_SYS_PACCT,
	 * CAP_SYS_TTY_CONFIG, CAP_AUDIT_*, CAP_MAC_*, CAP_BPF, CAP_PERFMON,
	 * CAP_LEASE, CAP_NET_BROADCAST, CAP_WAKE_ALARM, CAP_BLOCK_SUSPEND,
	 * CAP_CHECKPOINT_RESTORE, and any capability newer than this list. */
};

const unsigned priv_cap_count = sizeof(priv_caps) / sizeof(priv_caps[0]);

uint64_t jail_kept_capabilities(const struct jail *j)
{
	if (!j->allow[JAIL_ALLOW_suser])
		return 0;
	uint64_t keep = 0;
	for (unsigned i = 0; i < priv_cap_count; i++)
		if (priv_caps[i].allow == NO_ALLOW_NEEDED || jail_allowed(j, (enum jail_allow)priv_caps[i].allow))
			keep |= UINT64_C(1) << priv_caps[i].cap;
	return keep;
}
