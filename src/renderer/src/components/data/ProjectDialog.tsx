/**
 * Switching projects: reopen a recent one, open a project file by its path, or create a new one.
 * The core closes the old file and opens the new one; every view reloads on project.changed.
 */
import { Alert, Badge, Button, Group, Modal, Stack, Table, Tabs, Text, TextInput } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { ProjectRef } from '../../../../shared/api/features/project'
import { useApi } from '../../api/context'
import { errorSentence, useCall } from '../../api/hooks'
import { navigate } from '../../router'

export function ProjectDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const api = useApi()
  const recent = useCall('project.recent', {}, [opened])
  const [tab, setTab] = useState<string | null>('recent')
  const [openPath, setOpenPath] = useState('')
  const [newPath, setNewPath] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const suggested = recent.data ? `${recent.data.folder}${recent.data.separator}untitled.nerproj` : ''

  const close = () => {
    setError(null)
    setNewPath(null)
    setTab('recent')
    onClose()
  }
  const switchTo = async (call: 'project.open' | 'project.create', path: string) => {
    setBusy(true)
    setError(null)
    try {
      const project: ProjectRef = await api.invoke(call, { path })
      notifications.show({
        title: call === 'project.create' ? 'Project created' : 'Project opened',
        message: project.path,
      })
      close()
      navigate({ page: 'overview' })
    } catch (err) {
      setError(errorSentence(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal opened={opened} onClose={close} title="Projects" size="xl">
      <Tabs
        value={tab}
        onChange={(t) => {
          setTab(t)
          setError(null)
        }}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="recent">Recent</Tabs.Tab>
          <Tabs.Tab value="open">Open file</Tabs.Tab>
          <Tabs.Tab value="new" data-testid="project-new-tab">
            New project
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="recent">
          {recent.error && <Alert color="red">{recent.error}</Alert>}
          <Table highlightOnHover>
            <Table.Tbody>
              {recent.data?.items.map((p) => (
                <Table.Tr key={p.path} data-testid="recent-project">
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {p.name}{' '}
                      {p.current && (
                        <Badge size="xs" variant="light">
                          open
                        </Badge>
                      )}
                      {!p.exists && (
                        <Badge size="xs" color="red" variant="light">
                          missing
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.path}
                    </Text>
                  </Table.Td>
                  <Table.Td w={170}>
                    <Text size="xs" c="dimmed">
                      {p.openedAt ? new Date(p.openedAt).toLocaleString() : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td w={90} ta="right">
                    <Button
                      size="xs"
                      variant="light"
                      disabled={p.current || !p.exists || busy}
                      onClick={() => void switchTo('project.open', p.path)}
                    >
                      Open
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Tabs.Panel>
        <Tabs.Panel value="open">
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void switchTo('project.open', openPath)
            }}
          >
            <Stack>
              <TextInput
                label="Project file"
                description="The full path of a .nerproj file on this computer."
                placeholder={suggested}
                value={openPath}
                onChange={(e) => setOpenPath(e.currentTarget.value)}
                data-testid="project-open-path"
              />
              <Group justify="flex-end">
                <Button type="submit" loading={busy} disabled={!openPath.trim()}>
                  Open
                </Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="new">
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void switchTo('project.create', newPath ?? suggested)
            }}
          >
            <Stack>
              <TextInput
                label="New project file"
                description="An empty project is created here and opened; .nerproj is added when missing."
                value={newPath ?? suggested}
                onChange={(e) => setNewPath(e.currentTarget.value)}
                data-testid="project-new-path"
              />
              <Group justify="flex-end">
                <Button
                  type="submit"
                  loading={busy}
                  disabled={!(newPath ?? suggested).trim()}
                  data-testid="project-create"
                >
                  Create and open
                </Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
      </Tabs>
      {error && (
        <Alert color="red" mt="md" data-testid="project-error">
          {error}
        </Alert>
      )}
    </Modal>
  )
}
