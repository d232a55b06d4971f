using Bot.Domain.Faq;
using Xunit.Abstractions;

namespace Bot.Domain.Tests.Faq;

public sealed class TmpDebugTests(ITestOutputHelper output)
{
    [Fact]
    public void Show()
    {
        foreach (var line in File.ReadLines("/tmp/dbg/in.txt"))
        {
            output.WriteLine(line + " => " + string.Join(" ", FaqTokenizer.Pieces(line, FaqLexicon.Shipped).Select(p => p.Kind == FaqTokenizer.PieceKind.Break ? "|" : p.Text)));
        }
    }
}
