using Visco.Dashboard.Sampling;

namespace Visco.Dashboard.Tests;

public sealed class ChartHistoryTests
{
    private static readonly ChartDefinition Chart = new("c", "C", "/s", [new ChartLineSource(null, "x", ChartMeasure.Rate)]);

    [Fact]
    public void Append_PastCapacity_KeepsTheNewestPointsOldestFirst()
    {
        var history = new ChartHistory([Chart], capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            history.Append(i, Points(("a", i * 10)));
        }

        var view = history.View();

        Assert.Equal([3L, 4L, 5L], view.Times);
        Assert.Equal([30.0, 40.0, 50.0], view.Charts[0].Lines.Single().Values.Select(v => v!.Value));
    }

    [Fact]
    public void Append_LineMissingForAWholeWindow_DropsTheLine()
    {
        var history = new ChartHistory([Chart], capacity: 2);
        history.Append(1, Points(("gone", 1), ("kept", 1)));
        history.Append(2, Points(("kept", 2)));
        var midway = history.View().Charts[0].Lines.Select(l => l.Name).Order().ToList();
        history.Append(3, Points(("kept", 3)));

        var view = history.View();

        Assert.Equal(["gone", "kept"], midway);
        Assert.Equal("kept", Assert.Single(view.Charts[0].Lines).Name);
    }

    [Fact]
    public void Append_LineAppearsLater_EarlierPointsAreNull()
    {
        var history = new ChartHistory([Chart], capacity: 4);
        history.Append(1, Points());
        history.Append(2, Points(("late", 7)));

        var line = Assert.Single(history.View().Charts[0].Lines);

        Assert.Equal([null, 7.0], line.Values);
    }

    private static Dictionary<string, Dictionary<string, double>> Points(params (string Line, double Value)[] points) =>
        new() { ["c"] = points.ToDictionary(p => p.Line, p => p.Value) };
}
