using System.Diagnostics;
using Visco.Model;
using Visco.Model.Evaluation;
using Visco.Model.Simulation;

var sw = Stopwatch.StartNew();
var model = ModelBootstrap.TrainVersion1();
Console.WriteLine($"train {sw.Elapsed.TotalSeconds:F2}s trees low={model.LowShear.TreeCount} high={model.HighShear.TreeCount} cls={model.Classifier.TreeCount} depth {model.LowShear.MaxDepth},{model.Classifier.MaxDepth}");
var sim = new BloodSimulator(99);
var test = sim.Generate(20000).Select(TrainingExample.FromSimulation).ToList();
var report = ModelEvaluator.Evaluate(model, test);
Console.WriteLine(ReportFormatter.ToMarkdown(report));
