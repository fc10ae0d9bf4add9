/* SPDX-License-Identifier: BSD-2-Clause */
/* Decoding the arguments of a denied call for violation reports: names for
 * the flags and constants a reader of "make install failed" needs (which
 * namespace, which device, which file), raw values for the rest. Only the
 * calls the privilege table can deny are described; others print six raw
 * arguments. */
#include "report_args.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <linux/sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../handlers/handlers.h"
#include "../engine/memory.h"
#include "../engine/tracee.h"

/* Argument kinds, one letter per argument:
 *   d int   u unsigned   x hex   p pointer   s string in the tracee
 *   F dirfd (AT_FDCWD)   C clone/unshare flags   M mknod mode
 *   D device number      I ioctl request */
struct arg_format {
	enum sc_id id;
	const char *kinds;
};

static const struct arg_format formats[] = {
	{SC_acct, "s"},
	{SC_add_key, "sspud"},
	{SC_bpf, "dpu"},
	{SC_clock_settime, "dp"},
	{SC_clone, "Cpppx"},
	{SC_clone3, "pu"},
	{SC_delete_module, "sx"},
	{SC_fanotify_init, "xx"},
	{SC_finit_module, "dsx"},
	{SC_fsconfig, "duspd"},
	{SC_fsmount, "dxx"},
	{SC_fsopen, "sx"},
	{SC_fspick, "Fsx"},
	{SC_init_module, "pus"},
	{SC_ioctl, "dIx"},
	{SC_ioperm, "xxd"},
	{SC_iopl, "d"},
	{SC_ioprio_set, "ddx"},
	{SC_kcmp, "dddxx"},
	{SC_kexec_file_load, "ddusx"},
	{SC_kexec_load, "xupx"},
	{SC_keyctl, "dxxxx"},
	{SC_listmount, "ppux"},
	{SC_mknod, "sMD"},
	{SC_mknodat, "FsMD"},
	{SC_mmap, "puxxdx"},
	{SC_mmap2, "puxxdx"},
	{SC_mlock, "pu"},
	{SC_modify_ldt, "dpu"},
	{SC_mlock2, "pux"},
	{SC_mlockall, "x"},
	{SC_mount, "sssxp"},
	{SC_mount_setattr, "Fsxpu"},
	{SC_move_mount, "FsFsx"},
	{SC_name_to_handle_at, "Fsppx"},
	{SC_nice, "d"},
	{SC_open_by_handle_at, "dpx"},
	{SC_open_tree, "Fsx"},
	{SC_perf_event_open, "pdddx"},
	{SC_pivot_root, "ss"},
	{SC_ptrace, "ddpp"},
	{SC_quotactl, "xsdp"},
	{SC_reboot, "xxxp"},
	{SC_request_key, "sssd"},
	{SC_sched_setscheduler, "ddp"},
	{SC_seccomp, "uxp"},
	{SC_setns, "dC"},
	{SC_setpriority, "ddd"},
	{SC_settimeofday, "pp"},
	{SC_statmount, "ppux"},
	{SC_swapoff, "s"},
	{SC_swapon, "sx"},
	{SC_syslog, "dpd"},
	{SC_umount, "s"},
	{SC_umount2, "sx"},
	{SC_unshare, "C"},
	{SC_uselib, "s"},
	{SC_userfaultfd, "x"},
	{SC_clock_settime64, "dp"},
	{SC_create_module, "su"},
	{SC_io_uring_enter, "duuxp"},
	{SC_io_uring_register, "dupu"},
	{SC_io_uring_setup, "up"},
	{SC_ipc, "udddpx"},
	{SC_lookup_dcookie, "xpu"},
	{SC_msgctl, "ddp"},
	{SC_msgget, "xx"},
	{SC_msgrcv, "dpudx"},
	{SC_msgsnd, "dpux"},
	{SC_nfsservctl, "dpp"},
	{SC_open_tree_attr, "Fsxpu"},
	{SC_quotactl_fd, "dxdp"},
	{SC_semctl, "dddx"},
	{SC_semget, "xdx"},
	{SC_semop, "dpu"},
	{SC_semtimedop, "dpup"},
	{SC_semtimedop_time64, "dpup"},
	{SC_shmat, "dpx"},
	{SC_shmctl, "ddp"},
	{SC_shmdt, "p"},
	{SC_shmget, "xux"},
	{SC_stime, "p"},
	{SC_vhangup, ""},
	{SC_vm86, "xp"},
	{SC_vm86old, "p"},
};

struct name {
	uint64_t value;
	const char *name;
};

static const struct name clone_flags[] = {
	{CLONE_NEWNS, "CLONE_NEWNS"},       {CLONE_NEWCGROUP, "CLONE_NEWCGROUP"},
	{CLONE_NEWUTS, "CLONE_NEWUTS"},     {CLONE_NEWIPC, "CLONE_NEWIPC"},
	{CLONE_NEWUSER, "CLONE_NEWUSER"},   {CLONE_NEWPID, "CLONE_NEWPID"},
	{CLONE_NEWNET, "CLONE_NEWNET"},     {0x80, "CLONE_NEWTIME"},
	{CLONE_VM, "CLONE_VM"},             {CLONE_FS, "CLONE_FS"},
	{CLONE_FILES, "CLONE_FILES"},       {CLONE_SIGHAND, "CLONE_SIGHAND"},
	{CLONE_THREAD, "CLONE_THREAD"},     {CLONE_SYSVSEM, "CLONE_SYSVSEM"},
	{CLONE_VFORK, "CLONE_VFORK"},       {CLONE_PARENT, "CLONE_PARENT"},
	{CLONE_PTRACE, "CLONE_PTRACE"},     {CLONE_UNTRACED, "CLONE_UNTRACED"},
};

/* The ioctls the privilege table names (terminal and network configuration). */
static const struct name ioctls[] = {
	{0x5412, "TIOCSTI"},        {0x541C, "TIOCLINUX"},     {0x541D, "TIOCCONS"},
	{0x890B, "SIOCADDRT"},      {0x890C, "SIOCDELRT"},     {0x8914, "SIOCSIFFLAGS"},
	{0x8916, "SIOCSIFADDR"},    {0x8918, "SIOCSIFDSTADDR"}, {0x891A, "SIOCSIFBRDADDR"},
	{0x891C, "SIOCSIFNETMASK"}, {0x891E, "SIOCSIFMETRIC"}, {0x8922, "SIOCSIFMTU"},
	{0x8923, "SIOCSIFNAME"},    {0x8924, "SIOCSIFHWADDR"}, {0x8934, "SIOCDIFADDR"},
	{0x8953, "SIOCDARP"},       {0x8955, "SIOCSARP"},      {0x8962, "SIOCSRARP"},
};

static const char *name_of(const struct name *t, size_t n, uint64_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == v)
			return t[i].name;
	return NULL;
}

/* Appends to out at *used, never past size. */
static void put(char *out, size_t size, size_t *used, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void put(char *out, size_t size, size_t *used, const char *fmt, ...)
{
	if (*used >= size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out + *used, size - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used = *used + (size_t)n < size ? *used + (size_t)n : size;
}

static void put_string(char *out, size_t size, size_t *used, pid_t tid, uint64_t addr)
{
	char s[64];
	if (!addr) {
		put(out, size, used, "NULL");
		return;
	}
	int rc = mem_read_string(tid, addr, s, sizeof(s));
	if (rc == -ENAMETOOLONG) {
		/* a prefix is enough to recognise it */
		if (mem_read(tid, addr, s, sizeof(s) - 4) == 0) {
			memcpy(s + sizeof(s) - 4, "...", 4);
			rc = 0;
		}
	}
	if (rc) {
		put(out, size, used, "%#" PRIx64, addr);
		return;
	}
	put(out, size, used, "\"");
	for (const char *c = s; *c; c++)
		put(out, size, used, (*c >= 0x20 && *c < 0x7f && *c != '"' && *c != '\\') ? "%c" : "\\x%02x",
		    (unsigned char)*c);
	put(out, size, used, "\"");
}

static void put_flags(char *out, size_t size, size_t *used, const struct name *t, size_t n, uint64_t v)
{
	bool first = true;
	for (size_t i = 0; i < n; i++)
		if ((v & t[i].value) == t[i].value && t[i].value) {
			put(out, size, used, "%s%s", first ? "" : "|", t[i].name);
			v &= ~t[i].value;
			first = false;
		}
	if (v || first)
		put(out, size, used, "%s%#" PRIx64, first ? "" : "|", v);
}

static void put_mode(char *out, size_t size, size_t *used, uint64_t mode)
{
	const char *type = S_ISCHR(mode)    ? "S_IFCHR"
			   : S_ISBLK(mode)  ? "S_IFBLK"
			   : S_ISFIFO(mode) ? "S_IFIFO"
			   : S_ISSOCK(mode) ? "S_IFSOCK"
			   : S_ISREG(mode)  ? "S_IFREG"
					    : NULL;
	if (type)
		put(out, size, used, "%s|%#o", type, (unsigned)(mode & 07777));
	else
		put(out, size, used, "%#o", (unsigned)mode);
}

static void put_arg(char *out, size_t size, size_t *used, char kind, pid_t tid, uint64_t v)
{
	const char *n;
	switch (kind) {
	case 'd':
		put(out, size, used, "%d", (int)v);
		break;
	case 'u':
		put(out, size, used, "%" PRIu64, v);
		break;
	case 'p':
		put(out, size, used, v ? "%#" PRIx64 : "NULL", v);
		break;
	case 's':
		put_string(out, size, used, tid, v);
		break;
	case 'F':
		if ((int)v == AT_FDCWD)
			put(out, size, used, "AT_FDCWD");
		else
			put(out, size, used, "%d", (int)v);
		break;
	case 'C':
		put_flags(out, size, used, clone_flags, sizeof(clone_flags) / sizeof(clone_flags[0]), v);
		break;
	case 'M':
		put_mode(out, size, used, v);
		break;
	case 'D':
		put(out, size, used, "makedev(%u, %u)", major((dev_t)v), minor((dev_t)v));
		break;
	case 'I':
		if ((n = name_of(ioctls, sizeof(ioctls) / sizeof(ioctls[0]), (uint32_t)v)))
			put(out, size, used, "%s", n);
		else
			put(out, size, used, "%#" PRIx64, (uint64_t)(uint32_t)v);
		break;
	default:
		put(out, size, used, "%#" PRIx64, v);
		break;
	}
}

const char *report_arg_kinds(enum sc_id id)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (formats[i].id == id)
			return formats[i].kinds;
	return NULL;
}

void report_format_args(const struct syscall_stop *s, char *out, size_t size)
{
	const char *kinds = report_arg_kinds(s->id);
	size_t used = 0;
	out[0] = '\0';
	if (!kinds)
		kinds = "xxxxxx";
	for (int i = 0; kinds[i] && i < 6; i++) {
		if (i)
			put(out, size, &used, ", ");
		/* a 32-bit ABI's registers are 32 bits wide */
		uint64_t v = s->abi->word_size == 4 ? (uint32_t)s->args[i] : s->args[i];
		if (kinds[i] == 'd' || kinds[i] == 'F')
			v = (uint64_t)(int64_t)(int32_t)v;
		put_arg(out, size, &used, kinds[i], s->t->tid, v);
	}
}
