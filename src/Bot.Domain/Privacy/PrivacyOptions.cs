using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Privacy;

/// <summary>Bound from the <c>Privacy</c> section: how long each kind of data is kept.</summary>
public sealed class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    /// <summary>Days message text is kept (counts stay for statistics; the text is cleared).</summary>
    [Range(1, 3650, ErrorMessage = "Privacy:MessageTextDays must be 1 to 3650.")]
    public int MessageTextDays { get; set; } = 90;

    /// <summary>Days closed-ticket transcripts are kept.</summary>
    [Range(1, 3650, ErrorMessage = "Privacy:TicketTranscriptDays must be 1 to 3650.")]
    public int TicketTranscriptDays { get; set; } = 365;

    /// <summary>Days audit entries are kept.</summary>
    [Range(30, 3650, ErrorMessage = "Privacy:AuditLogDays must be 30 to 3650.")]
    public int AuditLogDays { get; set; } = 730;

    /// <summary>Cron (UTC) of the daily retention job.</summary>
    [Required]
    public string RetentionCron { get; set; } = "0 30 3 * * ?";

    /// <summary>
    /// Base64 key (at least 32 bytes) of the keyed hash that pseudonymises erased members. Empty: one is generated
    /// once and kept in the database. Never logged.
    /// </summary>
    public string? PseudonymKey { get; set; }

    public byte[]? PseudonymKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(PseudonymKey))
        {
            return null;
        }

        var bytes = new byte[PseudonymKey.Length];
        return Convert.TryFromBase64String(PseudonymKey.Trim(), bytes, out var length) && length >= 32 ? bytes[..length] : null;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The key's value is never part of the message.
        if (!string.IsNullOrWhiteSpace(PseudonymKey) && PseudonymKeyBytes() is null)
        {
            yield return new ValidationResult("Privacy:PseudonymKey must be base64 of at least 32 bytes.", [nameof(PseudonymKey)]);
        }
    }
}

/// <summary>The cut-off times the retention job applies, from the options and the time now.</summary>
/// <remarks><see cref="Now"/> ends pseudonymised moderation records whose strikes have decayed.</remarks>
public sealed record RetentionCutoffs(DateTimeOffset MessageText, DateTimeOffset TicketTranscripts, DateTimeOffset AuditLog, DateTimeOffset Now)
{
    public static RetentionCutoffs At(DateTimeOffset now, PrivacyOptions options) => new(
        now.AddDays(-options.MessageTextDays), now.AddDays(-options.TicketTranscriptDays), now.AddDays(-options.AuditLogDays), now);
}

public interface IRetentionStore
{
    /// <summary>Applies the cut-offs; returns rows changed per data type.</summary>
    Task<IReadOnlyDictionary<string, int>> ApplyAsync(RetentionCutoffs cutoffs, CancellationToken ct);
}
