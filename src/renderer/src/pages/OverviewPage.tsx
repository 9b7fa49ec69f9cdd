/** The project at a glance: documents by split and status, spans per label, the compute device. */
import { BarChart } from '@mantine/charts'
import { Alert, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useApi } from '../api/context'
import { errorSentence, useCall } from '../api/hooks'

export function OverviewPage() {
  const api = useApi()
  const stats = useCall('project.stats', {})
  const info = useCall('app.info', {})
  const s = stats.data

  const backup = () =>
    api.invoke('project.backup', {}).then(
      (r) =>
        notifications.show({
          title: 'Backup written',
          message: `${r.path} (${Math.round(r.bytes / 1024)} kB)`,
        }),
      (err: unknown) =>
        notifications.show({ color: 'red', title: 'Backup failed', message: errorSentence(err) }),
    )

  if (stats.error) return <Alert color="red">{stats.error}</Alert>
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Overview</Title>
        <Button variant="default" onClick={() => void backup()}>
          Back up project
        </Button>
      </Group>
      {s && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          {(
            [
              ['Documents', s.documents],
              ['Done', s.byStatus.done],
              ['Tokens', s.tokens],
              ['Spans', s.spans],
            ] as const
          ).map(([label, value]) => (
            <Card withBorder key={label}>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
              <Text size="xl" fw={600} data-testid={`stat-${label.toLowerCase()}`}>
                {value.toLocaleString()}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {s && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Text fw={600} mb="xs">
              Spans per label
            </Text>
            <BarChart
              h={220}
              data={Object.entries(s.spansPerLabel).map(([label, spans]) => ({ label, spans }))}
              dataKey="label"
              series={[{ name: 'spans', color: 'indigo.6' }]}
            />
          </Card>
          <Card withBorder>
            <Text fw={600} mb="xs">
              Documents by split and status
            </Text>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Split</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Documents</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.bySplitStatus.map((r) => (
                  <Table.Tr key={`${r.split}-${r.status}`}>
                    <Table.Td>{r.split}</Table.Td>
                    <Table.Td>{r.status}</Table.Td>
                    <Table.Td ta="right">{r.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </SimpleGrid>
      )}
      {info.data && (
        <Alert
          color={info.data.device.provider === 'cuda' ? 'green' : 'gray'}
          title="Compute device"
          data-testid="device-reason"
        >
          {info.data.device.reason}
        </Alert>
      )}
    </Stack>
  )
}
