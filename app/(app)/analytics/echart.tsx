"use client";

import { BarChart, FunnelChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useLocale } from "next-intl";
import { useEffect, useRef, type CSSProperties } from "react";
import { cn } from "@/lib/ui/cn";

// Only what the dashboard draws: funnels and bars, drawn as SVG (crisp on screen and in print).
echarts.use([FunnelChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * An ECharts chart that follows its box's size and the reader's language (ECharts' own zh/en
 * texts: tooltips, loading). `onClick` gets the clicked item's data index and series index.
 */
export function EChart({
  option,
  className,
  label,
  onClick,
  style,
}: {
  option: ChartOption;
  className?: string;
  /** E.g. a height that grows with the rows drawn. */
  style?: CSSProperties;
  label: string;
  onClick?: (item: { dataIndex: number; seriesIndex: number }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const locale = useLocale();
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, null, {
      renderer: "svg",
      locale: locale.startsWith("zh") ? "ZH" : "EN",
    });
    chart.current = instance;
    instance.on("click", (e) => click.current?.({ dataIndex: e.dataIndex, seriesIndex: e.seriesIndex ?? 0 }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, locale]);

  return (
    <div ref={ref} role="img" aria-label={label} className={cn("h-72 w-full", className)} style={style} />
  );
}
