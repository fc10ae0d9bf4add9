/* SPDX-License-Identifier: BSD-2-Clause */
/* jail --nest-agent (nest_agent.c; policy/nest.h). */
#ifndef JAIL_TOOLS_NEST_AGENT_H
#define JAIL_TOOLS_NEST_AGENT_H

int nest_agent_main(int argc, char **argv);

#endif
