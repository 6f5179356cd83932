// The parts of ECharts the dashboard draws with, imported by name so that the
// bundle holds only these (a namespace import of echarts/charts pulls in every
// chart type, maps and all). Load this module with import() only.
import { init, use } from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export { init }
