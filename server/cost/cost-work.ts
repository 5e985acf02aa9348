// What a cost is recorded against: the tenant, and the run's team, repository, campaign and task
// class when it belongs to a run (copied onto each entry so the dashboards group without joins).
// Reserving and settling look a run's up themselves, as they are at that moment
// (fleetgate_cost_work_of_run: the team is the run's repository's).

export type CostWork = {
  tenantId: string;
  runId: string | null;
  teamId: string | null;
  repositoryId: string | null;
  campaignId: string | null;
  taskClass: string | null;
};
