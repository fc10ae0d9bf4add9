/* SPDX-License-Identifier: BSD-2-Clause */
/* Hostname and domain name: uname(2) reports the jail's names; sethostname
 * and setdomainname change only the jail's (FreeBSD: host.hostname and
 * host.domainname, allow.set_hostname). uname is emulated at the seccomp
 * stop: one stop, no exit stop. */
#include <errno.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/utsname.h>

#include "../../policy/jail.h"
#include "handlers.h"
#include "../engine/memory.h"
#include "../engine/procfs.h"
#include "../engine/tracee.h"

#define UTS_FIELDS 6   /* sysname nodename release version machine domainname */
#define UTS_LEN 65     /* struct new_utsname and struct old_utsname */
#define OLDOLD_LEN 9   /* struct oldold_utsname */

/* The kernel's answer with the jail's names in it, laid out as fields of
 * field_len bytes (count of them), like the kernel's copy_to_user. */
static size_t fill_utsname(const struct syscall_stop *s, char *out, size_t field_len, int count)
{
	struct utsname host;
	const struct jail *j = s->t->jail;

	uname(&host);
	/* osrelease: the release the jail reports (FreeBSD's osrelease) */
	const char *fields[UTS_FIELDS] = {host.sysname, j->hostname, j->osrelease[0] ? j->osrelease : host.release,
					  host.version, host.machine, j->domainname};
	/* Like the kernel's override_architecture(): a 32-bit task with
	 * PER_LINUX32 personality sees i686. */
	if (s->abi->word_size == 4) {
		long pers = proc_personality(s->t->tid);
		if (pers >= 0 && (pers & PER_MASK) == PER_LINUX32)
			fields[4] = "i686";
	}
	memset(out, 0, field_len * (size_t)count);
	for (int i = 0; i < count; i++)
		strncpy(out + (size_t)i * field_len, fields[i], field_len - 1);
	return field_len * (size_t)count;
}

enum action handle_uname(struct syscall_stop *s)
{
	char buf[UTS_FIELDS * UTS_LEN];
	size_t len;

	if (s->id == SC_oldolduname)
		len = fill_utsname(s, buf, OLDOLD_LEN, 5);
	else if (s->id == SC_olduname)
		len = fill_utsname(s, buf, UTS_LEN, 5);
	else
		len = fill_utsname(s, buf, UTS_LEN, UTS_FIELDS);
	int err = mem_write(s->t->tid, s->args[0], buf, len);
	s->retval = err ? -EFAULT : 0;
	return ACT_RETURN;
}

/* Reads the new name for sethostname/setdomainname; 0 or -errno. */
static int read_name(struct syscall_stop *s, char *name, size_t *len)
{
	long euid = proc_status_field(s->t->tid, "Uid", 1);
	int err = jail_priv_set_hostname(s->t->jail, euid < 0 ? 1u : (unsigned)euid);
	if (err)
		return err;
	long n = (long)s->args[1];
	if (s->abi->word_size == 4)
		n = (int)s->args[1];
	if (n < 0 || n > JAIL_HOSTNAME_MAX)
		return -EINVAL;
	*len = (size_t)n;
	return mem_read(s->t->tid, s->args[0], name, *len);
}

enum action handle_sethostname(struct syscall_stop *s)
{
	char name[JAIL_HOSTNAME_MAX + 1];
	size_t len;
	int err = read_name(s, name, &len);
	s->retval = err ? err : jail_set_hostname(s->t->jail, name, len);
	return ACT_RETURN;
}

enum action handle_setdomainname(struct syscall_stop *s)
{
	char name[JAIL_HOSTNAME_MAX + 1];
	size_t len;
	int err = read_name(s, name, &len);
	s->retval = err ? err : jail_set_domainname(s->t->jail, name, len);
	return ACT_RETURN;
}
