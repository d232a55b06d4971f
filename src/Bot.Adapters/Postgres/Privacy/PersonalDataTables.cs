namespace Bot.Adapters.Postgres.Privacy;

public enum Erasure
{
    /// <summary>The row is about the member: it goes.</summary>
    Delete,

    /// <summary>The row must stay (audit, another member's record): the member's id is replaced by an anonymous one.</summary>
    Anonymise,

    /// <summary>
    /// Moderation's record, kept under legitimate interest: the id becomes the member's pseudonym (a keyed hash, so a
    /// returning member's strikes still count), its free text is cleared, and it is forgotten once its strikes decay.
    /// </summary>
    Pseudonymise,
}

/// <summary>How a member's export shows the rows a column finds.</summary>
public enum Export
{
    /// <summary>The rows themselves: they are about the member, or the member wrote them.</summary>
    Rows,

    /// <summary>Only how many: the rows are about other people (whom the member invited, acted on, decided for).</summary>
    Count,
}

/// <summary>A column holding a member's id, in a table that also has a <c>community</c> column.</summary>
public sealed record PersonalDataColumn(string Table, string Column, Erasure Erasure, Export Export = Export.Rows);

/// <summary>
/// Every place a member's id is stored. Columns marked secret in the schema (<c>comment on column … is 'secret…'</c>,
/// like a giveaway's seed before its draw) never leave in an export. A feature that stores member data adds its columns here;
/// the erasure test scans the whole schema afterwards, so a forgotten column fails it.
/// </summary>
public static class PersonalDataTables
{
    public static readonly IReadOnlyList<PersonalDataColumn> All =
    [
        new("members", "user_id", Erasure.Delete),
        new("messages", "user_id", Erasure.Delete),
        new("staff_grants", "user_id", Erasure.Delete),
        new("staff_platform_roles", "user_id", Erasure.Delete),
        new("staff_grants", "granted_by", Erasure.Anonymise, Export.Count),
        new("audit_log", "actor_id", Erasure.Anonymise, Export.Count),
        new("audit_log", "target_id", Erasure.Anonymise),
        new("tier_members", "user_id", Erasure.Delete),
        new("tier_ledger", "user_id", Erasure.Delete),
        new("tier_ledger", "actor_id", Erasure.Anonymise, Export.Count),
        new("tier_reactions", "by_id", Erasure.Delete),
        new("tier_nominations", "user_id", Erasure.Delete),
        new("tier_nominations", "decided_by", Erasure.Anonymise, Export.Count),
        new("invite_links", "user_id", Erasure.Delete),
        new("invite_requests", "user_id", Erasure.Delete),
        new("invite_joins", "user_id", Erasure.Delete),
        new("invite_joins", "inviter_id", Erasure.Anonymise, Export.Count),
        new("faq_feedback", "user_id", Erasure.Delete),
        new("faq_questions", "user_id", Erasure.Delete),
        new("faq_gaps", "sample_user_id", Erasure.Delete),
        new("tickets", "user_id", Erasure.Delete),
        new("tickets", "assignee_id", Erasure.Anonymise, Export.Count),
        new("tickets", "closed_by", Erasure.Anonymise, Export.Count),
        new("tickets", "acting_moderator_id", Erasure.Anonymise, Export.Count),
        new("ticket_messages", "author_id", Erasure.Anonymise),
        new("content_posts", "author_id", Erasure.Anonymise),
        new("content_posts", "reviewed_by", Erasure.Anonymise, Export.Count),
        new("content_engagement", "user_id", Erasure.Delete),
        new("content_revisions", "author_id", Erasure.Anonymise),
        new("content_revisions", "reviewed_by", Erasure.Anonymise, Export.Count),
        new("moderation_appeals", "user_id", Erasure.Pseudonymise),
        new("moderation_appeals", "decided_by", Erasure.Anonymise, Export.Count),
        new("moderation_infractions", "user_id", Erasure.Pseudonymise),
        new("moderation_infractions", "moderator_id", Erasure.Anonymise, Export.Count),
        new("moderation_infractions", "pardoned_by", Erasure.Anonymise, Export.Count),
        new("moderation_rules", "created_by", Erasure.Anonymise),
        new("giveaways", "started_by", Erasure.Anonymise),
        new("giveaway_entries", "user_id", Erasure.Delete),
        new("meetups", "created_by", Erasure.Anonymise),
        new("meetup_rsvps", "user_id", Erasure.Delete),
        new("meetup_attendance", "user_id", Erasure.Delete),
        new("meetup_attendance", "marked_by", Erasure.Anonymise, Export.Count),
        new("meetup_ratings", "user_id", Erasure.Delete),
        new("contests", "created_by", Erasure.Anonymise),
        new("contest_entries", "user_id", Erasure.Delete),
        new("contest_votes", "voter_id", Erasure.Delete),
        new("stats_kpi_targets", "set_by", Erasure.Anonymise),
        new("stats_tier_reached", "user_id", Erasure.Delete),
        new("telegram_roles", "user_id", Erasure.Delete),
    ];
}
