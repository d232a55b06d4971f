using System.ComponentModel.DataAnnotations;

namespace Bot.Adapters.Console;

/// <summary>Bound from the <c>Console</c> section; <c>--script FILE</c> sets <see cref="Script"/>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>A transcript to run non-interactively; the bot exits at its end.</summary>
    public string? Script { get; set; }

    /// <summary>Where the console's logs go (default: <c>logs/console.log</c> in the bot's data folder).</summary>
    public string? LogFile { get; set; }

    [Required]
    public string Community { get; set; } = "local";

    [Required]
    public string Channel { get; set; } = "general";
}
