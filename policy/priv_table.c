/* SPDX-License-Identifier: BSD-2-Clause */
/* What jailed root may not do: FreeBSD's prison_priv_check mapped to Linux
 * system calls, for the parts the kernel's seccomp filter can decide from
 * registers. Groups follow FreeBSD's privilege names (sys/priv.h); each row
 * says why. Anything that needs a capability and is not here is still
 * denied: a jailed process holds only the capabilities of priv_caps.c, so
 * the kernel refuses the rest (default deny), including what registers
 * cannot show (adjtimex modes, sched_setattr policies, FS_IOC_SETFLAGS,
 * netlink network configuration). Writes under /proc/sys, /sys and opens of
 * device files are path decisions (Landlock and path translation).
 *
 * No argument rows on socket calls or SysV IPC calls: i386's socketcall and
 * ipc multiplexers carry those arguments in memory (a test checks this). */
#include <errno.h>
#include <linux/ioprio.h>
#include <linux/keyctl.h>
#include <linux/sched.h>
#include <linux/sockios.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "static_deny.h"

/* syslog(2) actions (the kernel's SYSLOG_ACTION_*; no userspace header) */
#define SYSLOG_READ 2
#define SYSLOG_READ_ALL 3
#define SYSLOG_READ_CLEAR 4
#define SYSLOG_CLEAR 5
#define SYSLOG_CONSOLE_OFF 6
#define SYSLOG_CONSOLE_ON 7
#define SYSLOG_CONSOLE_LEVEL 8
#define SYSLOG_SIZE_UNREAD 9
#define SYSLOG_SIZE_BUFFER 10

#ifndef SIOCSIFHWADDR
#define SIOCSIFHWADDR 0x8924
#endif
#ifndef SIOCSIFHWBROADCAST
#define SIOCSIFHWBROADCAST 0x8937
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif
#ifndef SCHED_RESET_ON_FORK
#define SCHED_RESET_ON_FORK 0x40000000
#endif

#define KEY_USER_RING 0xfffffffcu         /* KEY_SPEC_USER_KEYRING (-4) as a u32 */
#define KEY_USER_SESSION_RING 0xfffffffbu /* KEY_SPEC_USER_SESSION_KEYRING (-5) */
#define ABI_BIT(t) (1u << (t))

#define MOUNT_WHY "the jail shares the host's mount table (PRIV_VFS_MOUNT)"
#define NS_WHY "a new or joined namespace is a view the jail does not confine"
#define NETCONF_WHY "network configuration is the host's (PRIV_NET_*)"
#define SYSV_WHY "SysV IPC objects are shared with the host (allow.sysvipc; FreeBSD: ENOSYS)"
#define HOSTKEY_WHY "the user keyrings of uid 0 are the host root's"

const struct static_deny priv_denies[] = {
	/* Mounts (PRIV_VFS_MOUNT, PRIV_VFS_UNMOUNT). allow.mount lets mount
	 * and umount2 reach the supervisor, which makes tmpfs and nullfs
	 * mounts inside the jail's root as FreeBSD's rules allow
	 * (handlers/handle_mount.c); the new mount API stays refused. */
	DENY(mount, EPERM, ALLOW_FLAG(mount), MOUNT_WHY),
	DENY(umount, EPERM, ALLOW_FLAG(mount), MOUNT_WHY),
	DENY(umount2, EPERM, ALLOW_FLAG(mount), MOUNT_WHY),
	DENY(pivot_root, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(fsopen, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(fsconfig, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(fsmount, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(fspick, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(move_mount, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(open_tree, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(open_tree_attr, EPERM, NO_ALLOW, MOUNT_WHY),
	DENY(mount_setattr, EPERM, NO_ALLOW, MOUNT_WHY),
	/* listmount and statmount (6.8) walk the whole mount namespace, past
	 * enforce_statfs; without them (ENOSYS, as on an older kernel)
	 * libmount reads /proc/self/mountinfo, the jail's view of it. */
	DENY(listmount, ENOSYS, NO_ALLOW, "the mount table past enforce_statfs (/proc/self/mountinfo is the jail's view)"),
	DENY(statmount, ENOSYS, NO_ALLOW, "the mount table past enforce_statfs (/proc/self/mountinfo is the jail's view)"),

	/* Kernel modules (PRIV_KLD_LOAD, PRIV_KLD_UNLOAD). */
	DENY(init_module, EPERM, NO_ALLOW, "loading kernel code (PRIV_KLD_LOAD)"),
	DENY(finit_module, EPERM, NO_ALLOW, "loading kernel code (PRIV_KLD_LOAD)"),
	DENY(create_module, EPERM, NO_ALLOW, "loading kernel code (PRIV_KLD_LOAD)"),
	DENY(delete_module, EPERM, NO_ALLOW, "unloading kernel code (PRIV_KLD_UNLOAD)"),

	/* Rebooting the host (PRIV_REBOOT), including into another kernel. */
	DENY(reboot, EPERM, NO_ALLOW, "rebooting is the host's (PRIV_REBOOT)"),
	DENY(kexec_load, EPERM, NO_ALLOW, "loading a kernel to reboot into (PRIV_REBOOT)"),
	DENY(kexec_file_load, EPERM, NO_ALLOW, "loading a kernel to reboot into (PRIV_REBOOT)"),

	/* Swap (PRIV_SWAPON, PRIV_SWAPOFF). */
	DENY(swapon, EPERM, NO_ALLOW, "swap is the host's memory (PRIV_SWAPON)"),
	DENY(swapoff, EPERM, NO_ALLOW, "swap is the host's memory (PRIV_SWAPOFF)"),

	/* The clock (PRIV_SETTIMEOFDAY, PRIV_CLOCK_SETTIME: allow.settime).
	 * adjtimex/clock_adjtime keep their modes in memory: CAP_SYS_TIME
	 * decides them (allow.adjtime or allow.settime, priv_caps.c). */
	DENY(settimeofday, EPERM, ALLOW_FLAG(settime), "the clock is the host's (allow.settime)"),
	DENY(stime, EPERM, ALLOW_FLAG(settime), "the clock is the host's (allow.settime)"),
	DENY(clock_settime, EPERM, ALLOW_FLAG(settime), "the clock is the host's (allow.settime)"),
	DENY(clock_settime64, EPERM, ALLOW_FLAG(settime), "the clock is the host's (allow.settime)"),

	/* I/O ports and CPU descriptor tables (PRIV_IO). */
	DENY(iopl, EPERM, NO_ALLOW, "I/O ports reach the host's hardware (PRIV_IO)"),
	DENY(ioperm, EPERM, NO_ALLOW, "I/O ports reach the host's hardware (PRIV_IO)"),
	DENY(modify_ldt, EPERM, NO_ALLOW, "segment descriptors: kernel attack surface, no jailed use"),
	DENY(vm86, EPERM, NO_ALLOW, "virtual-8086 mode: kernel attack surface, no jailed use"),
	DENY(vm86old, EPERM, NO_ALLOW, "virtual-8086 mode: kernel attack surface, no jailed use"),

	/* Process accounting (PRIV_ACCT). */
	DENY(acct, EPERM, NO_ALLOW, "accounting is configured for the whole host (PRIV_ACCT)"),

	/* Quotas (PRIV_VFS_GETQUOTA, PRIV_VFS_SETQUOTA: allow.quotas). */
	DENY(quotactl, EPERM, ALLOW_FLAG(quotas), "quotas are the host's filesystems' (allow.quotas)"),
	DENY(quotactl_fd, EPERM, ALLOW_FLAG(quotas), "quotas are the host's filesystems' (allow.quotas)"),

	/* The kernel message buffer (PRIV_MSGBUF: allow.read_msgbuf).
	 * Clearing it or changing the console level changes the host's. */
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_READ), EPERM, ALLOW_FLAG(read_msgbuf),
		"reading the kernel log (allow.read_msgbuf)"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_READ_ALL), EPERM, ALLOW_FLAG(read_msgbuf),
		"reading the kernel log (allow.read_msgbuf)"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_SIZE_UNREAD), EPERM, ALLOW_FLAG(read_msgbuf),
		"reading the kernel log (allow.read_msgbuf)"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_SIZE_BUFFER), EPERM, ALLOW_FLAG(read_msgbuf),
		"reading the kernel log (allow.read_msgbuf)"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_READ_CLEAR), EPERM, NO_ALLOW, "clearing the host's kernel log"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_CLEAR), EPERM, NO_ALLOW, "clearing the host's kernel log"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_CONSOLE_OFF), EPERM, NO_ALLOW, "the host's console log level"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_CONSOLE_ON), EPERM, NO_ALLOW, "the host's console log level"),
	DENY_IF(syslog, DC_EQ32(0, SYSLOG_CONSOLE_LEVEL), EPERM, NO_ALLOW, "the host's console log level"),

	/* Kernel interfaces that see or change the whole host. */
	DENY(bpf, EPERM, NO_ALLOW, "BPF programs run in the kernel on host events"),
	DENY(perf_event_open, EPERM, NO_ALLOW, "performance monitoring sees the host (PRIV_PMC_*)"),
	/* kcmp: supervisor/handlers/visibility.c (ESRCH outside the jail, then EPERM) */
	DENY(lookup_dcookie, EPERM, NO_ALLOW, "names host files from profiler cookies"),
	DENY(fanotify_init, EPERM, NO_ALLOW, "watches and blocks file access of the whole host"),
	DENY(vhangup, EPERM, NO_ALLOW, "hangs up a terminal the host may share (PRIV_TTY_*)"),
	DENY(uselib, EPERM, NO_ALLOW, "obsolete loader entry point, kernel attack surface"),
	DENY(nfsservctl, EPERM, NO_ALLOW, "the host's NFS server (PRIV_NFS_DAEMON)"),

	/* Namespaces: Linux's own partial jails. A new or joined namespace
	 * escapes what the supervisor shows and checks (a user namespace's
	 * root may mount, a new pid namespace renumbers processes). */
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWNS), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWCGROUP), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWUTS), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWIPC), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWUSER), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWPID), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWNET), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(unshare, DC_BITS(0, CLONE_NEWTIME), EPERM, NO_ALLOW, NS_WHY),
	/* clone's 0x80 is the exit signal, not CLONE_NEWTIME */
	DENY_IF(clone, DC_BITS(0, CLONE_NEWNS), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(clone, DC_BITS(0, CLONE_NEWCGROUP), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(clone, DC_BITS(0, CLONE_NEWUTS), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(clone, DC_BITS(0, CLONE_NEWIPC), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(clone, DC_BITS(0, CLONE_NEWUSER), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(clone, DC_BITS(0, CLONE_NEWPID), EPERM, NO_ALLOW, NS_WHY),
	DENY_IF(clone, DC_BITS(0, CLONE_NEWNET), EPERM, NO_ALLOW, NS_WHY),
	DENY(setns, EPERM, NO_ALLOW, NS_WHY),

	/* File handles (PRIV_VFS_GETFH, PRIV_VFS_FHOPEN): a handle opens a
	 * file by inode, past the jail's root. */
	DENY(name_to_handle_at, EPERM, NO_ALLOW, "file handles bypass the jail's root (PRIV_VFS_GETFH)"),
	DENY(open_by_handle_at, EPERM, NO_ALLOW, "file handles bypass the jail's root (PRIV_VFS_FHOPEN)"),

	/* Device nodes (PRIV_VFS_MKNOD_DEV): a device node reaches host
	 * hardware; FIFOs, sockets and regular files stay allowed. */
	DENY_IF(mknod, DC_MASKED(1, S_IFMT, S_IFCHR), EPERM, NO_ALLOW, "device nodes reach host devices"),
	DENY_IF(mknod, DC_MASKED(1, S_IFMT, S_IFBLK), EPERM, NO_ALLOW, "device nodes reach host devices"),
	DENY_IF(mknodat, DC_MASKED(2, S_IFMT, S_IFCHR), EPERM, NO_ALLOW, "device nodes reach host devices"),
	DENY_IF(mknodat, DC_MASKED(2, S_IFMT, S_IFBLK), EPERM, NO_ALLOW, "device nodes reach host devices"),

	/* Locked memory (PRIV_VM_MLOCK: allow.mlock): pinned pages are taken
	 * from the host. munlock stays allowed. */
	DENY(mlock, EPERM, ALLOW_FLAG(mlock), "pins host memory (allow.mlock)"),
	DENY(mlock2, EPERM, ALLOW_FLAG(mlock), "pins host memory (allow.mlock)"),
	DENY(mlockall, EPERM, ALLOW_FLAG(mlock), "pins host memory (allow.mlock)"),
	{.id = SC_mmap, .cond = {DC_BITS(3, MAP_LOCKED)}, .err = EPERM, .allow = ALLOW_FLAG(mlock),
	 .only_abis = ABI_BIT(SCT_X86_64) | ABI_BIT(SCT_AARCH64), /* i386's old mmap: arguments in memory */
	 .reason = "pins host memory (allow.mlock)"},
	{.id = SC_mmap2, .cond = {DC_BITS(3, MAP_LOCKED)}, .err = EPERM, .allow = ALLOW_FLAG(mlock),
	 .reason = "pins host memory (allow.mlock)"},

	/* Scheduling (PRIV_SCHED_SETPRIORITY, PRIV_SCHED_RTPRIO): no negative
	 * nice, no real-time policies, no real-time I/O class. Raises within
	 * 0..19 and sched_setattr: CAP_SYS_NICE is not held (priv_caps.c). */
	DENY_IF(setpriority, DC_BITS(2, 0x80000000u), EPERM, NO_ALLOW, "negative nice takes CPU from the host"),
	DENY_IF(nice, DC_BITS(0, 0x80000000u), EPERM, NO_ALLOW, "raising priority takes CPU from the host"),
	DENY_IF(sched_setscheduler, DC_MASKED(1, 0xffffffffu & ~(uint32_t)SCHED_RESET_ON_FORK, SCHED_FIFO), EPERM,
		NO_ALLOW, "real-time scheduling can starve the host (PRIV_SCHED_RTPRIO)"),
	DENY_IF(sched_setscheduler, DC_MASKED(1, 0xffffffffu & ~(uint32_t)SCHED_RESET_ON_FORK, SCHED_RR), EPERM,
		NO_ALLOW, "real-time scheduling can starve the host (PRIV_SCHED_RTPRIO)"),
	DENY_IF(ioprio_set, DC_MASKED(2, (uint32_t)IOPRIO_CLASS_MASK << IOPRIO_CLASS_SHIFT,
				      (uint32_t)IOPRIO_CLASS_RT << IOPRIO_CLASS_SHIFT),
		EPERM, NO_ALLOW, "real-time I/O can starve the host's disks"),

	/* Keyrings: the jail starts in its own session keyring; the user and
	 * user-session keyrings of a uid, persistent keyrings and named
	 * session keyrings are shared with the host's processes of that uid. */
	DENY_IF(keyctl, DC_EQ32(1, KEY_USER_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(2, KEY_USER_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(3, KEY_USER_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(4, KEY_USER_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(1, KEY_USER_SESSION_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(2, KEY_USER_SESSION_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(3, KEY_USER_SESSION_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(4, KEY_USER_SESSION_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(keyctl, DC_EQ32(0, KEYCTL_GET_PERSISTENT), EPERM, NO_ALLOW,
		"a uid's persistent keyring outlives the jail and is the host's"),
	DENY_IF2(keyctl, DC_EQ32(0, KEYCTL_JOIN_SESSION_KEYRING), DC_NE(1, 0), EPERM, NO_ALLOW,
		 "named session keyrings are found by name across the host"),
	DENY_IF(add_key, DC_EQ32(4, KEY_USER_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(add_key, DC_EQ32(4, KEY_USER_SESSION_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(request_key, DC_EQ32(3, KEY_USER_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),
	DENY_IF(request_key, DC_EQ32(3, KEY_USER_SESSION_RING), EPERM, NO_ALLOW, HOSTKEY_WHY),

	/* Terminals (PRIV_TTY_STI, PRIV_TTY_CONSOLE). ioctl numbers are
	 * compared on 32 bits, as the kernel reads them. */
	DENY_IF(ioctl, DC_EQ32(1, TIOCSTI), EPERM, NO_ALLOW, "faking input on a terminal the host may share (PRIV_TTY_STI)"),
	DENY_IF(ioctl, DC_EQ32(1, TIOCLINUX), EPERM, NO_ALLOW, "virtual console control: selection, input, blanking"),
	DENY_IF(ioctl, DC_EQ32(1, TIOCCONS), EPERM, NO_ALLOW, "redirecting the host's console output (PRIV_TTY_CONSOLE)"),

	/* Network configuration (PRIV_NET_*): interfaces, routes, ARP. The
	 * same through netlink needs CAP_NET_ADMIN, never held in a jail. */
	DENY_IF(ioctl, DC_EQ32(1, SIOCADDRT), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCDELRT), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCRTMSG), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFLINK), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFFLAGS), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFADDR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFDSTADDR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFBRDADDR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFNETMASK), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFMETRIC), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFMEM), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFMTU), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFNAME), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFHWADDR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFENCAP), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFSLAVE), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCADDMULTI), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCDELMULTI), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFPFLAGS), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCDIFADDR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFHWBROADCAST), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFBR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFTXQLEN), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSMIIREG), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCDARP), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSARP), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCDRARP), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSRARP), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFMAP), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCADDDLCI), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCDELDLCI), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSIFVLAN), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBONDENSLAVE), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBONDRELEASE), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBONDSETHWADDR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBONDCHANGEACTIVE), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBRADDBR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBRDELBR), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBRADDIF), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCBRDELIF), EPERM, NO_ALLOW, NETCONF_WHY),
	DENY_IF(ioctl, DC_EQ32(1, SIOCSHWTSTAMP), EPERM, NO_ALLOW, NETCONF_WHY),

	/* SysV IPC (allow.sysvipc, off by default): message queues, semaphores
	 * and shared memory live in the host's IPC namespace. FreeBSD's
	 * answer with IPC disabled is ENOSYS. */
	DENY(shmget, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(shmat, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(shmdt, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(shmctl, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(msgget, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(msgsnd, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(msgrcv, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(msgctl, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(semget, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(semop, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(semtimedop, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(semtimedop_time64, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(semctl, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY),
	DENY(ipc, ENOSYS, ALLOW_FLAG(sysvipc), SYSV_WHY), /* i386's multiplexer of all of them */

	/* Everything else a capability guards: see priv_caps.c. */
};

const unsigned priv_deny_count = sizeof(priv_denies) / sizeof(priv_denies[0]);
