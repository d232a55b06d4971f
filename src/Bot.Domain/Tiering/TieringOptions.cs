using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Tiering;

/// <summary>Bound from the <c>Tiering</c> section: points per kind, limits, decay, default thresholds and role names.</summary>
public sealed class TieringOptions : IValidatableObject
{
    public const string Section = "Tiering";

    /// <summary>Points for a message long enough, at most one per <see cref="MessageCooldownSeconds"/>.</summary>
    [Range(0.0, 1000.0)]
    public double MessagePoints { get; set; } = 1;

    [Range(1, 86_400)]
    public int MessageCooldownSeconds { get; set; } = 60;

    /// <summary>Words a message needs to earn points; each CJK character counts as a word.</summary>
    [Range(1, 100)]
    public int MinMessageWords { get; set; } = 3;

    /// <summary>Points to the author of a message another member replied to (only when the reply itself earned).</summary>
    [Range(0.0, 1000.0)]
    public double ReplyPoints { get; set; } = 2;

    [Range(0.0, 1000.0)]
    public double ReactionPoints { get; set; } = 1;

    /// <summary>How many reactions a day one member's reactions earn others points for.</summary>
    [Range(0, 10_000)]
    public int ReactionsGivenPerDay { get; set; } = 20;

    [Range(0.0, 1000.0)]
    public double ThanksPoints { get; set; } = 5;

    [Range(1, 100)]
    public int ThanksPerDay { get; set; } = 3;

    [Range(0.0, 10_000.0)]
    public double EventEntryPoints { get; set; } = 10;

    [Range(0.0, 10_000.0)]
    public double ContentPoints { get; set; } = 10;

    [Range(1, 1_000_000)]
    public int MaxCreditPoints { get; set; } = 1000;

    /// <summary>Spending points per unit of money recorded (1000 spent = 100 points by default).</summary>
    [Range(0.0, 1000.0)]
    public double SpendingPointsPerUnit { get; set; } = 0.1;

    [Range(1, 100_000)]
    public int MaxImportRows { get; set; } = 10_000;

    /// <summary>The largest spending file <c>/tier import</c> takes (checked before it is downloaded).</summary>
    [Range(1024, 20 * 1024 * 1024)]
    public int MaxImportBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The currency spending is counted in (ISO code, e.g. TWD); purchases in another one are reported, not counted. Empty counts any.</summary>
    [RegularExpression("^([A-Za-z]{3})?$", ErrorMessage = "Tiering:SpendingCurrency must be a 3-letter currency code such as TWD, or empty.")]
    public string? SpendingCurrency { get; set; }

    /// <summary>Shops that report purchases to <c>POST /api/communities/{id}/spending</c>, each with its community's secret.</summary>
    public List<SpendingWebhookOptions> SpendingWebhooks { get; set; } = [];

    [Range(1.0, 3650.0)]
    public double HalfLifeDays { get; set; } = 30;

    [Range(0.0, 365.0)]
    public double DemotionGraceDays { get; set; } = 14;

    /// <summary>After a manager rejects a nomination, how long before the same member is nominated again.</summary>
    [Range(0.0, 365.0)]
    public double NominationCooldownDays { get; set; } = 30;

    [Range(0.001, 1e9)]
    public double ActiveThreshold { get; set; } = 50;

    [Range(0.001, 1e9)]
    public double CoreThreshold { get; set; } = 300;

    [Range(0.001, 1e9)]
    public double OpinionLeaderThreshold { get; set; } = 1000;

    /// <summary>Quartz cron (with seconds) of the daily recomputation, in the community's time zone.</summary>
    [Required]
    public string RecomputeCron { get; set; } = "0 0 4 * * ?";

    [Required]
    public string ActiveRole { get; set; } = "Active member";

    [Required]
    public string CoreRole { get; set; } = "Core member";

    [Required]
    public string OpinionLeaderRole { get; set; } = "Opinion leader";

    public TimeSpan HalfLife => TimeSpan.FromDays(HalfLifeDays);

    public TimeSpan MessageCooldown => TimeSpan.FromSeconds(MessageCooldownSeconds);

    public TierThresholds DefaultThresholds => new(ActiveThreshold, CoreThreshold, OpinionLeaderThreshold);

    public TierPolicy PolicyFor(TierThresholds thresholds) =>
        new(thresholds, HalfLife, TimeSpan.FromDays(DemotionGraceDays), TimeSpan.FromDays(NominationCooldownDays));

    /// <summary>The platform role that stands for a tier; regular members have none.</summary>
    public string? RoleOf(Tier tier) => tier switch
    {
        Tier.Active => ActiveRole,
        Tier.Core => CoreRole,
        Tier.OpinionLeader => OpinionLeaderRole,
        _ => null,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < SpendingWebhooks.Count; i++)
        {
            if (SpendingWebhooks[i].Problem() is { } problem)
            {
                yield return new ValidationResult($"Tiering:SpendingWebhooks:{i}:{problem}", [nameof(SpendingWebhooks)]);
            }
        }

        if (SpendingWebhooks.GroupBy(w => w.Community, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            yield return new ValidationResult($"Tiering:SpendingWebhooks lists the community '{twice.Key}' twice.", [nameof(SpendingWebhooks)]);
        }

        if (!DefaultThresholds.IsOrdered)
        {
            yield return new ValidationResult(
                "Tiering thresholds must rise: ActiveThreshold < CoreThreshold < OpinionLeaderThreshold.",
                [nameof(ActiveThreshold), nameof(CoreThreshold), nameof(OpinionLeaderThreshold)]);
        }
    }
}

/// <summary>One community's spending webhook. <see cref="Secret"/> signs the calls; it is never logged or shown.</summary>
public sealed class SpendingWebhookOptions
{
    public const int MinSecretLength = 32;

    /// <summary>The community, as in the URL: <c>telegram:-1001234</c>, <c>discord:1234</c>.</summary>
    public string Community { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    /// <summary>What is wrong with this entry (key and reason, never the secret), or null.</summary>
    public string? Problem()
    {
        try
        {
            Model.CommunityRef.Parse(Community);
        }
        catch (FormatException)
        {
            return "Community must be a community like 'telegram:-1001234' or 'discord:1234'.";
        }

        return Secret.Length < MinSecretLength ? $"Secret must be at least {MinSecretLength} characters (a random string shared with the shop)." : null;
    }

    /// <summary>Never prints the secret.</summary>
    public override string ToString() => $"SpendingWebhook({Community})";
}
