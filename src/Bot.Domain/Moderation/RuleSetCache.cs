using System.Collections.Concurrent;
using Bot.Domain.Model;

namespace Bot.Domain.Moderation;

/// <summary>Compiled rule sets per community, rebuilt only when the stored rules change (a process-wide singleton).</summary>
public sealed class RuleSetCache
{
    private readonly ConcurrentDictionary<CommunityRef, (string Fingerprint, RuleSet Rules)> _sets = new();

    public RuleSet For(CommunityRef community, IReadOnlyList<ModerationRule> rules)
    {
        var fingerprint = RuleSet.Fingerprint(rules);
        if (_sets.TryGetValue(community, out var cached) && cached.Fingerprint == fingerprint)
        {
            return cached.Rules;
        }

        var set = new RuleSet(rules);
        _sets[community] = (fingerprint, set);
        return set;
    }
}
