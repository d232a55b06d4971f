using System.Reflection;
using System.Xml.Linq;

namespace Bot.Domain.Tests.Architecture;

public sealed class ArchitectureTests
{
    private static readonly string[] Forbidden =
        ["Npgsql", "Dapper", "Quartz", "Telegram", "Discord", "Microsoft.AspNetCore", "ScottPlot", "SkiaSharp", "System.Data", "System.Net.Http", "System.Net.WebSockets"];

    [Fact]
    public void Bot_Domain_references_no_platform_database_or_scheduler_assembly()
    {
        var references = typeof(Bot.Domain.Pipeline.Dispatcher).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var offending = references.Where(r => Forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(offending.Count == 0, "Bot.Domain references " + string.Join(", ", offending));
    }

    [Fact]
    public void Bot_Domain_project_has_only_allowed_package_references()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Bot.Domain", "Bot.Domain.csproj"));
        var packages = project.Descendants("PackageReference").Select(p => (string)p.Attribute("Include")!).ToList();
        var projects = project.Descendants("ProjectReference").ToList();
        Assert.Empty(projects);
        Assert.All(packages, p => Assert.StartsWith("Microsoft.Extensions.", p, StringComparison.Ordinal));
        Assert.DoesNotContain(packages, p => Forbidden.Any(f => p.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Every_domain_text_exists_in_every_language_with_the_same_placeholders()
    {
        var assembly = typeof(Bot.Domain.Pipeline.Dispatcher).Assembly;
        var bases = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)).Select(n => n[..^".resources".Length]).ToList();
        Assert.NotEmpty(bases);
        var problems = new List<string>();
        foreach (var name in bases)
        {
            var manager = new System.Resources.ResourceManager(name, assembly);
            var english = manager.GetResourceSet(System.Globalization.CultureInfo.InvariantCulture, true, false)!;
            var chinese = manager.GetResourceSet(System.Globalization.CultureInfo.GetCultureInfo("zh-TW"), true, false);
            if (chinese is null)
            {
                problems.Add($"{name}: no zh-TW resources");
                continue;
            }

            foreach (System.Collections.DictionaryEntry entry in english)
            {
                var key = (string)entry.Key;
                var translated = chinese.GetString(key);
                if (string.IsNullOrWhiteSpace(translated))
                {
                    problems.Add($"{name}.{key}: missing in zh-TW");
                }
                else if (!Placeholders((string)entry.Value!).SetEquals(Placeholders(translated)))
                {
                    problems.Add($"{name}.{key}: placeholders differ");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{(\d+)[^}]*\}").Select(m => m.Groups[1].Value)];

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommunityBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CommunityBot.sln not found above the test folder.");
    }
}
