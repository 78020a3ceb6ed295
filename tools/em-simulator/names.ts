/**
 * @module Realistic names and messages for the generated data set. Real VM and job names contain
 * spaces, parentheses, commas, quotes, `&`, `;` and non-ASCII letters, so some of these do too:
 * they exercise filter quoting and XML escaping end to end.
 */

export const SERVER_NAMES = [
  'vbr01.corp.example.com',
  'vbr02.corp.example.com',
  'vbr-dr.dr.example.com',
  'vbr-branch01.emea.example.com',
  'vbr-branch02.apac.example.com',
  'vbr-lab.lab.example.net',
] as const

export const VM_PREFIXES = [
  'srv',
  'web',
  'sql',
  'dc',
  'exch',
  'app',
  'fs',
  'ubuntu',
  'rhel',
  'win2019-',
  'win2022-',
  'k8s-node',
  'citrix',
  'print',
  'ad',
  'erp',
  'crm',
  'jira',
  'git',
  'log',
  'mon',
  'vpn',
  'db',
  'cache',
] as const

/** Names that need quoting or escaping; each appears once in the VM pool. */
export const TRICKY_VM_NAMES = [
  'SQL Server (Prod)',
  'Finance, HR & Payroll',
  '"Legacy" ERP',
  'Web;Proxy 01',
  'Kundendienst-Prüfung',
  'Zürich-DC01',
  '東京-fs01',
  "O'Brien Desktop",
  'Test VM 2',
  'app (old), do not use',
  'CRM == primary',
  'Build "Nightly" (x64)',
  'ÉQUIPE-Montréal',
  'R&D Lab <2>',
] as const

export const BACKUP_JOB_NAMES = [
  'Fileserver Backup',
  'SQL Backup',
  'Exchange Backup',
  'Daily Backup - Prod',
  'Web Farm Backup',
  'Domain Controllers',
  'ERP (SAP) Backup',
  'Linux Servers',
  'Dev & Test',
  'Branch Office Backup',
  'Backup Job 1',
  'Backup Job 2',
  'Backup Job 3',
  'Citrix, VDI Masters',
  'Kubernetes Nodes',
  'Monitoring Stack',
  'Tier-1 Apps',
  'Tier-2 Apps',
  'Archive "Cold" VMs',
  'Zürich Site Backup',
] as const

export const COPY_JOB_NAMES = [
  'Backup Copy to DR',
  'Offsite Copy (S3)',
  'Backup Copy Job 1',
  'GFS Copy Weekly',
] as const
export const AGENT_JOB_NAMES = [
  'Agent Backup - Laptops',
  'Physical Servers',
  'Agent Policy Workstations',
] as const
export const NAS_JOB_NAMES = ['NAS Backup - Shares', 'Archived Projects', 'SMB Home Folders'] as const
export const REPLICA_JOB_NAMES = [
  'SQL Replication',
  'Fileserver02 Replication',
  'DR Replica - Tier 1',
  'Exchange Replica',
  'Web Replica (Site B)',
  'ERP Replication',
] as const
export const CDP_POLICY_NAMES = [
  'CDP Policy 1',
  'CDP Policy 2',
  'CDP - SQL Cluster',
  'CDP Tier-0, Payments',
] as const

export const WARNING_REASONS = [
  'Changed block tracking cannot be enabled: one or more snapshots present',
  'Unable to truncate Microsoft SQL Server transaction logs. Details: Failed to process VM.',
  'Failed to prepare guest for hot backup. Details: VSSControl: Failed to freeze guest, wait timeout',
  'Snapshot consolidation is required for this VM',
  'Retention policy: not enough free space on repository "Repo01" (5% left)',
  'Processing finished with warnings at 2 of 3 disks',
] as const

export const FAILURE_REASONS = [
  'Error: Failed to connect to host esx03.corp.example.com. Connection timed out',
  'Not enough storage space on repository. Required: 512 GB, available: 97 GB',
  'Error: Cannot find VM in the infrastructure. It may have been removed or renamed',
  'Error: NFC storage connection is unavailable. Storage: [stg:datastore-1041,nfchost:host-10]',
  'Task failed unexpectedly: An existing connection was forcibly closed by the remote host',
  'Error: Failed to create VM snapshot. The operation is not allowed in the current state.',
  'Error: Access denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))',
] as const

/** GiB sizes (TotalSize is a VM's provisioned size). */
export const VM_SIZES_GIB = [16, 20, 32, 40, 60, 80, 100, 127, 200, 250, 500, 750, 1024, 2048, 3072] as const
