/**
 * Test helpers: reports built the way `typelearn report` builds them (the CLI's
 * automatic preprocessing Pipeline around a named model), and HTML inspection.
 */
import { autoPipeline } from '../../src/cli/auto-pipeline.js';
import { CLI_MODELS } from '../../src/cli/models.js';
import { prepare } from '../../src/cli/prepare.js';
import { loadDataset } from '../../src/data/index.js';
import {
  type CollectReportOptions,
  collectReportInput,
  type ReportInput,
  type ReportModel,
  renderReport,
} from '../../src/report/index.js';

/** The report input and HTML for a bundled dataset and a CLI model name. */
export async function datasetReport(
  dataset: string,
  modelName: string,
  extra: Partial<CollectReportOptions> = {},
): Promise<{ input: ReportInput; html: string }> {
  const data = prepare(dataset, {});
  const model = autoPipeline(data.plan, CLI_MODELS[modelName].create({}) as never) as unknown as ReportModel;
  const input = await collectReportInput({
    frame: loadDataset(dataset).frame,
    target: data.target,
    task: data.task,
    features: [...data.plan.numeric, ...data.plan.categorical],
    model,
    modelName,
    source: `dataset '${dataset}'`,
    ...extra,
  });
  return { input, html: await renderReport(input) };
}

/** `data-chart` keys of the page's figures, in order. */
export function chartKeys(html: string): string[] {
  return [...html.matchAll(/<figure class="chart" data-chart="([^"]*)">/g)].map((m) => m[1]);
}

/** The HTML of each figure. */
export function figures(html: string): string[] {
  return [...html.matchAll(/<figure class="chart"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
}
