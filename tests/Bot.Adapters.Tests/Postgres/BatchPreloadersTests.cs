using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Postgres.Tiering;
using Bot.Adapters.Postgres.Verification;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Adapters.Tests.Postgres;

public sealed class BatchPreloadersTests
{
    [Fact]
    public void The_standings_preload_that_locks_runs_after_the_plain_reads_which_keep_their_order()
    {
        IBatchPreloader standings = new PostgresTieringStore.Preload();
        IBatchPreloader members = new PostgresMemberStore.Preload();
        IBatchPreloader staff = new PostgresStaffStore.Preload(new HotCache<(CommunityRef, UserRef), IReadOnlySet<StaffRole>>(TimeProvider.System));
        IBatchPreloader held = new PostgresVerificationStore.Preload();

        // As the host registers them: core, tiering, verification.
        var ordered = BatchPreloaders.InOrder([members, staff, standings, held]).ToList();

        Assert.Equal([members, staff, held, standings], ordered);
        Assert.Equal([false, false, false, true], ordered.Select(p => p.LocksRows));
    }
}
