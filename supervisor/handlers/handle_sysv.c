/* SPDX-License-Identifier: BSD-2-Clause */
/* SysV IPC in a jail with its own key space (sysvmsg, sysvsem, sysvshm =
 * new; docs/sysvipc.md). Every call of such a family stops here (ptrace:
 * one thread, so two creators of a key are served one after the other):
 *
 *   - get(K): K is looked up in the jail's table (sysv_space.h); a new
 *     object is made by the caller itself as IPC_PRIVATE (an injected call:
 *     its credentials, its mode) and recorded under K;
 *   - a call naming an id the jail does not own fails with EINVAL before
 *     the kernel sees it; *_STAT by index and the *_INFO counts answer
 *     about the jail's objects only; IPC_STAT shows the jail's key.
 *
 * The same for i386's ipc(2) multiplexer, which also carries families a
 * jail has disabled (ENOSYS) or inherits (the kernel's). */
#include <errno.h>
#include <linux/capability.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "handlers.h"
#include "sysv_space.h"
#include "../../policy/jail.h"
#include "../engine/creds.h"
#include "../engine/inject.h"
#include "../engine/memory.h"
#include "../engine/procfs.h"
#include "../engine/tracee.h"

#define CMD_IPC_64 0x100 /* "new" layouts, i386's glibc sets it */
/* Linux's command numbers (linux/shm.h, sem.h, msg.h), for libcs without them */
#define CMD_SHM_STAT 13
#define CMD_SHM_INFO 14
#define CMD_SHM_STAT_ANY 15
#define CMD_SEM_STAT 18
#define CMD_SEM_INFO 19
#define CMD_SEM_STAT_ANY 20
#define CMD_MSG_STAT 11
#define CMD_MSG_INFO 12
#define CMD_MSG_STAT_ANY 13

/* ipc(2)'s call numbers (linux/ipc.h) */
enum { IPCC_SEMOP = 1, IPCC_SEMGET, IPCC_SEMCTL, IPCC_SEMTIMEDOP, IPCC_MSGSND = 11, IPCC_MSGRCV, IPCC_MSGGET,
       IPCC_MSGCTL, IPCC_SHMAT = 21, IPCC_SHMDT, IPCC_SHMGET, IPCC_SHMCTL };

/* One call, wherever its arguments are. */
struct sysv_call {
	enum sysv_family fam;
	enum { SV_OTHER, SV_GET, SV_ID, SV_CTL } kind;
	int key, size, flg; /* SV_GET: argument numbers; size -1 for msgget */
	int id, cmd;        /* SV_ID, SV_CTL */
	int buf;            /* SV_CTL: the buffer's argument; -1: semctl's
			     * through ipc(2), a pointer to it in argument 4 */
};

static bool decode(const struct syscall_stop *s, struct sysv_call *c)
{
	*c = (struct sysv_call){.kind = SV_OTHER, .key = -1, .size = -1, .flg = -1, .id = -1, .cmd = -1, .buf = -1};
	enum sc_id id = s->id; /* if-chains: -Wswitch-enum wants every id in a switch */
	if (id == SC_shmget || id == SC_semget || id == SC_msgget) {
		c->fam = id == SC_shmget ? SYSV_SHM : id == SC_semget ? SYSV_SEM : SYSV_MSG;
		c->kind = SV_GET;
		c->key = 0;
		c->size = id == SC_msgget ? -1 : 1;
		c->flg = id == SC_msgget ? 1 : 2;
		return true;
	}
	if (id == SC_shmat || id == SC_msgsnd || id == SC_msgrcv || id == SC_semop || id == SC_semtimedop ||
	    id == SC_semtimedop_time64) {
		c->fam = id == SC_shmat ? SYSV_SHM : (id == SC_msgsnd || id == SC_msgrcv) ? SYSV_MSG : SYSV_SEM;
		c->kind = SV_ID;
		c->id = 0;
		return true;
	}
	if (id == SC_shmctl || id == SC_msgctl || id == SC_semctl) {
		c->fam = id == SC_shmctl ? SYSV_SHM : id == SC_msgctl ? SYSV_MSG : SYSV_SEM;
		c->kind = SV_CTL;
		c->id = 0;
		c->cmd = id == SC_semctl ? 2 : 1;
		c->buf = id == SC_semctl ? 3 : 2;
		return true;
	}
	if (id == SC_shmdt) {
		c->fam = SYSV_SHM;
		return true;
	}
	if (id != SC_ipc)
		return false;
	switch (s->args[0] & 0xffff) {
	case IPCC_SEMGET:
	case IPCC_SHMGET:
		*c = (struct sysv_call){.fam = (s->args[0] & 0xffff) == IPCC_SEMGET ? SYSV_SEM : SYSV_SHM,
					.kind = SV_GET, .key = 1, .size = 2, .flg = 3, .id = -1, .cmd = -1};
		return true;
	case IPCC_MSGGET:
		*c = (struct sysv_call){.fam = SYSV_MSG, .kind = SV_GET, .key = 1, .size = -1, .flg = 2, .id = -1, .cmd = -1};
		return true;
	case IPCC_SEMOP:
	case IPCC_SEMTIMEDOP:
		c->fam = SYSV_SEM;
		c->kind = SV_ID;
		c->id = 1;
		return true;
	case IPCC_MSGSND:
	case IPCC_MSGRCV:
		c->fam = SYSV_MSG;
		c->kind = SV_ID;
		c->id = 1;
		return true;
	case IPCC_SHMAT:
		c->fam = SYSV_SHM;
		c->kind = SV_ID;
		c->id = 1;
		return true;
	case IPCC_SHMDT:
		c->fam = SYSV_SHM;
		return true;
	case IPCC_SEMCTL:
		*c = (struct sysv_call){.fam = SYSV_SEM, .kind = SV_CTL, .key = -1, .size = -1, .flg = -1, .id = 1, .cmd = 3, .buf = -1};
		return true;
	case IPCC_MSGCTL:
	case IPCC_SHMCTL:
		*c = (struct sysv_call){.fam = (s->args[0] & 0xffff) == IPCC_MSGCTL ? SYSV_MSG : SYSV_SHM,
					.kind = SV_CTL, .key = -1, .size = -1, .flg = -1, .id = 1, .cmd = 2, .buf = 4};
		return true;
	default:
		return false; /* the kernel's EINVAL */
	}
}

static enum jail_sys family_mode(const struct jail *j, enum sysv_family f)
{
	return jail_sysv(j, f == SYSV_MSG ? j->sysvmsg : f == SYSV_SEM ? j->sysvsem : j->sysvshm);
}

bool sysv_wanted_msg(const struct jail *j)
{
	return family_mode(j, SYSV_MSG) == JAIL_SYS_NEW;
}

bool sysv_wanted_sem(const struct jail *j)
{
	return family_mode(j, SYSV_SEM) == JAIL_SYS_NEW;
}

bool sysv_wanted_shm(const struct jail *j)
{
	return family_mode(j, SYSV_SHM) == JAIL_SYS_NEW;
}

/* ipc(2): a family of its own, or one disabled while another is not (all
 * three disabled: the static ENOSYS row, policy/static_deny.c) */
bool sysv_wanted_ipc(const struct jail *j)
{
	int n_new = 0, n_off = 0;
	for (int f = 0; f < SYSV_FAMILIES; f++) {
		n_new += family_mode(j, (enum sysv_family)f) == JAIL_SYS_NEW;
		n_off += family_mode(j, (enum sysv_family)f) == JAIL_SYS_DISABLE;
	}
	return n_new || (n_off && n_off < SYSV_FAMILIES);
}

static enum action fail(struct syscall_stop *s, long err)
{
	s->retval = err;
	return ACT_RETURN;
}

static uint64_t arg(const struct syscall_stop *s, int i)
{
	return s->abi->word_size == 4 ? (uint32_t)s->args[i] : s->args[i];
}

/* ------------------------------------------------ the supervisor's view */

/* What the kernel knows of a jail object: asked by index with *_STAT_ANY
 * (no permission check: the supervisor may lack read permission), and
 * alive only if that index still holds this id. 1 alive, 0 gone, -errno. */
struct sysv_info {
	struct ipc_perm perm;
	uint64_t size;  /* shm: bytes; sem: semaphores; msg: messages */
	uint64_t bytes; /* msg: bytes queued */
};

static int object_info(enum sysv_family f, int id, struct sysv_info *in)
{
	int idx = sysv_id_index(id), r;
	if (f == SYSV_SHM) {
		struct shmid_ds ds;
		r = shmctl(idx, CMD_SHM_STAT_ANY, &ds);
		in->perm = ds.shm_perm;
		in->size = ds.shm_segsz;
	} else if (f == SYSV_SEM) {
		struct semid_ds ds;
		r = semctl(idx, 0, CMD_SEM_STAT_ANY, &ds);
		in->perm = ds.sem_perm;
		in->size = ds.sem_nsems;
	} else {
		struct msqid_ds ds;
		r = msgctl(idx, CMD_MSG_STAT_ANY, &ds);
		in->perm = ds.msg_perm;
		in->size = ds.msg_qnum;
		in->bytes = ds.__msg_cbytes;
	}
	if (r < 0)
		return errno == EINVAL ? 0 : -errno;
	return r == id;
}

/* ipcperms() of ipc/util.c, with the caller's credentials */
static int caller_may(pid_t tid, const struct ipc_perm *p, int flg)
{
	struct proc_creds c;
	long euid = proc_status_field(tid, "Uid", 1);
	if (euid < 0 || creds_read(tid, &c, NULL) || c.ngroups < 0)
		return -EACCES; /* fail closed */
	bool in_group = c.fsgid == p->cgid || c.fsgid == p->gid;
	for (int i = 0; i < c.ngroups && !in_group; i++)
		in_group = c.groups[i] == p->cgid || c.groups[i] == p->gid;
	int requested = (flg >> 6) | (flg >> 3) | flg, granted = p->mode;
	if ((uid_t)euid == p->cuid || (uid_t)euid == p->uid)
		granted >>= 6;
	else if (in_group)
		granted >>= 3;
	if ((requested & ~granted & 0007) && !(c.caps & (1ull << CAP_IPC_OWNER)))
		return -EACCES;
	return 0;
}

/* ------------------------------------------------------------ the calls */

/* The caller makes the object itself, as IPC_PRIVATE; recorded under key. */
static enum action create(struct syscall_stop *s, const struct sysv_call *c, int32_t key)
{
	struct injection inj;
	int err = inject_begin(&inj, s->t, s->abi);
	if (err)
		return fail(s, err);
	uint64_t args[6];
	for (int i = 0; i < 6; i++)
		args[i] = s->args[i];
	args[c->key] = IPC_PRIVATE;
	long id = -ENOSYS;
	err = inject_call(&inj, abi_nr(s->abi, s->id), args, &id);
	int fin = inject_finish(&inj);
	/* A filter the program stacked runs for the injected call too and can
	 * answer it 0 without running it: id 0, recorded, would hand the
	 * jail the host's object 0. Believed only under the jail's one filter
	 * (a nested jail's real id 0 is then left unrecorded, not removed:
	 * it might be the host's). */
	if (!err && id == 0 && !proc_only_jail_filter(s->t->tid))
		id = -ENOSPC;
	if (!err && id >= 0 && sysv_space_add(c->fam, (int)id, key)) {
		/* not recorded: not left behind either */
		if (c->fam == SYSV_SHM)
			shmctl((int)id, IPC_RMID, NULL);
		else if (c->fam == SYSV_SEM)
			semctl((int)id, 0, IPC_RMID);
		else
			msgctl((int)id, IPC_RMID, NULL);
		id = -ENOMEM;
	}
	return fail(s, err ? err : fin ? fin : id);
}

static enum action get(struct syscall_stop *s, const struct sysv_call *c)
{
	int32_t key = (int32_t)s->args[c->key];
	int flg = (int)s->args[c->flg];
	if (key == IPC_PRIVATE)
		return create(s, c, 0);
	int id = sysv_space_find_key(c->fam, key);
	struct sysv_info in = {0};
	if (id >= 0) {
		int alive = object_info(c->fam, id, &in);
		if (alive < 0)
			return fail(s, alive);
		if (!alive) { /* removed from outside (the host's ipcrm) */
			sysv_space_drop(c->fam, id);
			id = -1;
		}
	}
	if (id < 0)
		return (flg & IPC_CREAT) ? create(s, c, key) : fail(s, -ENOENT);
	if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
		return fail(s, -EEXIST);
	if (c->fam == SYSV_SHM && arg(s, c->size) > in.size)
		return fail(s, -EINVAL); /* a size_t */
	if (c->fam == SYSV_SEM && ((int)s->args[c->size] < 0 || (uint64_t)(int)s->args[c->size] > in.size))
		return fail(s, -EINVAL); /* an int */
	int err = caller_may(s->t->tid, &in.perm, flg);
	return fail(s, err ? err : id);
}

static int max_index(enum sysv_family f)
{
	int max = 0, id;
	for (unsigned n = 0; (id = sysv_space_at(f, n)) >= 0; n++)
		if (sysv_id_index(id) > max)
			max = sysv_id_index(id);
	return max;
}

/* shmctl(SHM_INFO): struct shm_info (an int, then five longs) of the
 * jail's segments only */
static enum action shm_info(struct syscall_stop *s, uint64_t buf)
{
	uint64_t pages = 0, count = 0;
	long page = sysconf(_SC_PAGESIZE);
	struct sysv_info in;
	int id;
	for (unsigned n = 0; (id = sysv_space_at(SYSV_SHM, n)) >= 0; n++)
		if (object_info(SYSV_SHM, id, &in) > 0) {
			count++;
			pages += (in.size + (uint64_t)page - 1) / (uint64_t)page;
		}
	unsigned w = s->abi->word_size;
	uint8_t out[48] = {0};
	int32_t used = (int32_t)count;
	for (unsigned i = 0; i < 4; i++)
		out[i] = (uint8_t)((uint32_t)used >> (8 * i));
	for (unsigned i = 0; i < w; i++) /* shm_tot, little-endian as every supported ABI */
		out[w + i] = (uint8_t)(pages >> (8 * i));
	if (mem_write(s->t->tid, buf, out, 6 * w))
		return fail(s, -EFAULT);
	return fail(s, max_index(SYSV_SHM));
}

static int is_stat_by_index(enum sysv_family f, int base)
{
	if (f == SYSV_SHM)
		return base == CMD_SHM_STAT || base == CMD_SHM_STAT_ANY;
	if (f == SYSV_SEM)
		return base == CMD_SEM_STAT || base == CMD_SEM_STAT_ANY;
	return base == CMD_MSG_STAT || base == CMD_MSG_STAT_ANY;
}

static int ctl_buf(const struct syscall_stop *s, const struct sysv_call *c, uint64_t *buf)
{
	if (c->buf >= 0) {
		*buf = arg(s, c->buf);
		return 0;
	}
	uint32_t p; /* ipc(SEMCTL): argument 4 points to semctl's union */
	if (mem_read(s->t->tid, arg(s, 4), &p, sizeof(p)))
		return -EFAULT;
	*buf = p;
	return 0;
}

static enum action ctl(struct syscall_stop *s, const struct sysv_call *c)
{
	int cmd = (int)s->args[c->cmd], base = cmd & ~CMD_IPC_64, id = (int)s->args[c->id];
	if (base == IPC_INFO)
		return ACT_EXIT_STOP; /* limits; the result (the highest index used) is the jail's */
	if ((c->fam == SYSV_SEM && base == CMD_SEM_INFO) || (c->fam == SYSV_MSG && base == CMD_MSG_INFO)) {
		/* the same struct as IPC_INFO's with counts of the whole machine
		 * in it: IPC_INFO's instead, then the jail's counts (exit) */
		int err = stop_set_arg(s, c->cmd, (uint64_t)(IPC_INFO | (cmd & CMD_IPC_64)));
		return err ? fail(s, err) : ACT_EXIT_STOP;
	}
	if (c->fam == SYSV_SHM && base == CMD_SHM_INFO) {
		uint64_t buf;
		int err = ctl_buf(s, c, &buf);
		return err ? fail(s, err) : shm_info(s, buf);
	}
	if (is_stat_by_index(c->fam, base)) {
		/* an index of the kernel's table: the jail's object there, asked
		 * for by its id (IPC_STAT); the exit answers with the id */
		int owned = -1, o;
		for (unsigned n = 0; (o = sysv_space_at(c->fam, n)) >= 0 && owned < 0; n++)
			if (sysv_id_index(o) == id)
				owned = o;
		if (owned < 0)
			return fail(s, -EINVAL);
		int err = stop_set_arg(s, c->id, (uint64_t)(uint32_t)owned);
		if (!err)
			err = stop_set_arg(s, c->cmd, (uint64_t)(IPC_STAT | (cmd & CMD_IPC_64)));
		if (err)
			return fail(s, err);
		s->args[c->id] = (uint32_t)owned; /* for the exit */
		return ACT_EXIT_STOP;
	}
	if (!sysv_space_owns(c->fam, id, NULL))
		return fail(s, -EINVAL);
	return base == IPC_RMID || base == IPC_STAT ? ACT_EXIT_STOP : ACT_CONTINUE;
}

enum action handle_sysv(struct syscall_stop *s)
{
	if (s->id == SC_shmat || s->id == SC_ipc) {
		enum action a = handle_vm_guard(s); /* the scratch area, where unsealed */
		if (a != ACT_CONTINUE)
			return a;
	}
	struct sysv_call c;
	if (!decode(s, &c))
		return ACT_CONTINUE;
	enum jail_sys mode = family_mode(s->t->jail, c.fam);
	if (mode == JAIL_SYS_DISABLE) {
		s->refused = "SysV IPC family disabled (sysvmsg, sysvsem, sysvshm)";
		return fail(s, -ENOSYS);
	}
	if (mode != JAIL_SYS_NEW)
		return ACT_CONTINUE;
	switch (c.kind) {
	case SV_GET:
		return get(s, &c);
	case SV_ID:
		return sysv_space_owns(c.fam, (int)s->args[c.id], NULL) ? ACT_CONTINUE : fail(s, -EINVAL);
	case SV_CTL:
		return ctl(s, &c);
	case SV_OTHER:
	default:
		return ACT_CONTINUE;
	}
}

/* The exit of a ctl call the enter let run (ACT_EXIT_STOP). */
long handle_sysv_exit(struct syscall_stop *s)
{
	struct sysv_call c;
	if (!decode(s, &c) || c.kind != SV_CTL || s->retval < 0)
		return s->retval;
	int cmd = (int)s->args[c.cmd], base = cmd & ~CMD_IPC_64, id = (int)s->args[c.id];
	uint64_t buf = 0;
	if (base == IPC_INFO)
		return max_index(c.fam);
	if (base == IPC_RMID) {
		sysv_space_drop(c.fam, id);
		return s->retval;
	}
	if (ctl_buf(s, &c, &buf))
		return -EFAULT;
	if ((c.fam == SYSV_SEM && base == CMD_SEM_INFO) || (c.fam == SYSV_MSG && base == CMD_MSG_INFO)) {
		/* seminfo: semusz (7) sets, semaem (9) semaphores; msginfo:
		 * msgpool (0) queues, msgmap (1) messages, msgtql (6) bytes */
		int32_t v[10];
		size_t len = c.fam == SYSV_SEM ? sizeof(v) : 7 * sizeof(int32_t);
		if (mem_read(s->t->tid, buf, v, len))
			return -EFAULT;
		int32_t count = 0, total = 0, bytes = 0;
		struct sysv_info in;
		int o;
		for (unsigned n = 0; (o = sysv_space_at(c.fam, n)) >= 0; n++)
			if (object_info(c.fam, o, &in) > 0) {
				count++;
				total += (int32_t)in.size;
				bytes += (int32_t)in.bytes;
			}
		if (c.fam == SYSV_SEM) {
			v[7] = count;
			v[9] = total;
		} else {
			v[0] = count;
			v[1] = total;
			v[6] = bytes;
		}
		if (mem_write(s->t->tid, buf, v, len))
			return -EFAULT;
		return max_index(c.fam);
	}
	/* IPC_STAT, and *_STAT by index (run as IPC_STAT of the id) */
	int32_t key = 0;
	if (sysv_space_owns(c.fam, id, &key) && key != IPC_PRIVATE &&
	    mem_write(s->t->tid, buf, &key, sizeof(key))) /* the key opens every layout */
		return -EFAULT;
	return base == IPC_STAT ? s->retval : id;
}
