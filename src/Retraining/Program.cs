using Visco.Retraining.Cli;

return await RetrainCommandLine.Create().Parse(args).InvokeAsync();
