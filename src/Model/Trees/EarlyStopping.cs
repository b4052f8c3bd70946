namespace Visco.Model.Trees;

/// <summary>Tracks the best validation loss and says when patience has run out.</summary>
internal sealed class EarlyStopping(int patience)
{
    private readonly List<double> _history = [];

    public double BestLoss { get; private set; } = double.PositiveInfinity;

    public int BestRound { get; private set; }

    public IReadOnlyList<double> History => _history;

    /// <summary>Records the loss after round <paramref name="round"/> (1-based); true when training should stop.</summary>
    public bool Record(int round, double loss)
    {
        _history.Add(loss);
        if (loss < BestLoss)
        {
            BestLoss = loss;
            BestRound = round;
        }

        return patience > 0 && round - BestRound >= patience;
    }
}
