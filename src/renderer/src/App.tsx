/** The app frame: theme, API context, navigation and the page for the current route. */
import {
  ActionIcon,
  AppShell,
  Badge,
  Button,
  Group,
  MantineProvider,
  NavLink,
  Text,
  Title,
  Tooltip,
  createTheme,
  useMantineColorScheme,
} from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { useState } from 'react'
import { ApiContext } from './api/context'
import { api } from './api/client'
import { useCall } from './api/hooks'
import { ProjectDialog } from './components/data/ProjectDialog'
import { MissingTokenPage } from './pages/MissingTokenPage'
import { DocumentsPage } from './pages/DocumentsPage'
import { LabelsPage } from './pages/LabelsPage'
import { OverviewPage } from './pages/OverviewPage'
import { EditorPage } from './pages/EditorPage'
import { TrainPage } from './pages/TrainPage'
import { PatternsPage } from './pages/PatternsPage'
import { QueuePage } from './pages/QueuePage'
import { ModelsPage } from './pages/ModelsPage'
import { navigate, useRoute, type Route } from './router'

const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'sm' })

const NAV: { label: string; route: Route; hint: string }[] = [
  { label: 'Overview', route: { page: 'overview' }, hint: 'g o' },
  { label: 'Label', route: { page: 'editor', documentId: null }, hint: 'g e' },
  { label: 'Documents', route: { page: 'documents' }, hint: 'g d' },
  { label: 'Labels', route: { page: 'labels' }, hint: 'g l' },
  { label: 'Patterns', route: { page: 'patterns' }, hint: 'g p' },
  { label: 'Train', route: { page: 'train' }, hint: 'g t' },
  { label: 'Active learning', route: { page: 'queue' }, hint: 'g a' },
  { label: 'Models', route: { page: 'models' }, hint: 'g m' },
]

function ThemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  const dark = colorScheme === 'dark'
  return (
    <Tooltip label={dark ? 'Light theme' : 'Dark theme'}>
      <ActionIcon
        variant="default"
        aria-label="Toggle colour theme"
        data-testid="theme-toggle"
        onClick={() => setColorScheme(dark ? 'light' : 'dark')}
      >
        {dark ? '☀' : '☾'}
      </ActionIcon>
    </Tooltip>
  )
}

function Shell() {
  const route = useRoute()
  const info = useCall('app.info', {})
  const [projects, setProjects] = useState(false)
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={4}>NER Studio</Title>
            {info.data && (
              <Tooltip label={info.data.projectPath}>
                <Text size="sm" c="dimmed" data-testid="project-name">
                  {info.data.projectName}
                </Text>
              </Tooltip>
            )}
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => setProjects(true)}
              data-testid="open-projects"
            >
              Projects…
            </Button>
          </Group>
          <Group gap="sm">
            {info.data && (
              <Tooltip label={info.data.device.reason} multiline w={320}>
                <Badge
                  variant="light"
                  color={info.data.device.provider === 'cuda' ? 'green' : 'gray'}
                  data-testid="device"
                >
                  {info.data.device.provider === 'cuda' ? 'GPU (CUDA)' : 'CPU'}
                </Badge>
              </Tooltip>
            )}
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.map((n) => (
          <NavLink
            key={n.label}
            label={n.label}
            active={n.route.page === route.page}
            onClick={() => navigate(n.route)}
            data-testid={`nav-${n.route.page}`}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {route.page === 'overview' && <OverviewPage />}
        {route.page === 'documents' && <DocumentsPage />}
        {route.page === 'labels' && <LabelsPage />}
        {route.page === 'train' && <TrainPage />}
        {route.page === 'patterns' && <PatternsPage />}
        {route.page === 'queue' && <QueuePage />}
        {route.page === 'models' && <ModelsPage />}
        {route.page === 'editor' && <EditorPage documentId={route.documentId} />}
      </AppShell.Main>
      <ProjectDialog opened={projects} onClose={() => setProjects(false)} />
    </AppShell>
  )
}

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      {api ? (
        <ApiContext.Provider value={api}>
          <Shell />
        </ApiContext.Provider>
      ) : (
        <MissingTokenPage />
      )}
    </MantineProvider>
  )
}
