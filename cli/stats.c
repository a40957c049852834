/* protokoll stats: participation counts. */
#include "cli.h"

#include <stdio.h>

int stats_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    fprintf(stderr, "protokoll: stats is not available\n");
    return 2;
}
