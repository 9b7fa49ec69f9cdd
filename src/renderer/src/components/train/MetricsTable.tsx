import { Table } from '@mantine/core'
import type { DevMetrics } from '../../../../shared/api/features/training'

const pct = (x: number) => (100 * x).toFixed(1)

/** Per-label precision, recall and F1 with the micro average last. */
export function MetricsTable({ metrics }: { metrics: DevMetrics }) {
  const rows = [
    ...Object.entries(metrics.perType).sort(([a], [b]) => a.localeCompare(b)),
    ['micro', metrics.micro] as const,
  ]
  return (
    <Table data-testid="metrics-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Label</Table.Th>
          <Table.Th ta="right">Precision</Table.Th>
          <Table.Th ta="right">Recall</Table.Th>
          <Table.Th ta="right">F1</Table.Th>
          <Table.Th ta="right">Support</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([label, p]) => (
          <Table.Tr key={label} fw={label === 'micro' ? 600 : undefined}>
            <Table.Td>{label}</Table.Td>
            <Table.Td ta="right">{pct(p.precision)}</Table.Td>
            <Table.Td ta="right">{pct(p.recall)}</Table.Td>
            <Table.Td ta="right">{pct(p.f1)}</Table.Td>
            <Table.Td ta="right">{p.support}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
