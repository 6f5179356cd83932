// Every GraphQL operation the app sends, typed by graphql-codegen.
import { graphql } from '../gql'
import type { SubsidyApplicationWhereInput } from '../gql/graphql'

export const LoginDoc = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) { accessToken refreshToken expiresAt user { id username displayName role } }
  }
`)

export const RefreshDoc = graphql(`
  mutation Refresh($token: String!) {
    refreshToken(token: $token) { accessToken refreshToken expiresAt user { id username displayName role } }
  }
`)

export const LogoutDoc = graphql(`
  mutation Logout { logout }
`)

export const MeDoc = graphql(`
  query Me {
    me { id username displayName role region { code name } organization { id name kind } person { id name idMasked } }
  }
`)

export const ClassesDoc = graphql(`
  query Classes($first: Int, $after: Cursor, $where: TrainingClassWhereInput) {
    trainingClasses(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      edges { node { id category occupation status approvedHeadcount effectiveHeadcount plannedStart plannedEnd venueAddress enrolledCount rejectedEvidenceCount organization { name } } }
    }
  }
`)

export const ClassDoc = graphql(`
  query Class($id: ID!) {
    node(id: $id) {
      ... on TrainingClass {
        id category occupation level status allowedActions approvedHeadcount effectiveHeadcount presentCount
        plannedStart plannedEnd mode venueAddress venueLatitude venueLongitude remotelySupervised
        organization { id name }
        enrollments { id presentOnOpening person { id name idMasked } }
      }
    }
  }
`)

export const CreateClassDoc = graphql(`
  mutation CreateClass($input: CreateTrainingClassInput!) {
    createTrainingClass(input: $input) { id status }
  }
`)

export const SubmitClassDoc = graphql(`
  mutation SubmitClass($id: ID!) { submitTrainingClass(id: $id) { id status } }
`)
export const ApproveClassDoc = graphql(`
  mutation ApproveClass($id: ID!) { approveTrainingClass(id: $id) { id status } }
`)
export const RejectClassDoc = graphql(`
  mutation RejectClass($id: ID!, $reason: String!) { rejectTrainingClass(id: $id, reason: $reason) { id status } }
`)
export const StartClassDoc = graphql(`
  mutation StartClass($id: ID!) { startTrainingClass(id: $id) { id status } }
`)
export const CompleteClassDoc = graphql(`
  mutation CompleteClass($id: ID!) { completeTrainingClass(id: $id) { id status } }
`)
export const CancelClassDoc = graphql(`
  mutation CancelClass($id: ID!) { cancelTrainingClass(id: $id) { id status } }
`)

export const EnrollDoc = graphql(`
  mutation Enroll($classID: ID!, $persons: [EnrollPersonInput!]!) {
    enrollPersons(classID: $classID, persons: $persons) { id person { id name idMasked } }
  }
`)

export const ReadRosterDoc = graphql(`
  mutation ReadRoster($classID: ID!, $file: Upload!) {
    readRoster(classID: $classID, file: $file) { rows { row name idNumber phone entrepreneurshipBasis businessOpenedOn errors { column message } } errors { message } }
  }
`)

export const AttendanceDoc = graphql(`
  mutation Attendance($classID: ID!, $present: [ID!]!) {
    recordOpeningAttendance(classID: $classID, presentPersonIDs: $present) { id presentCount effectiveHeadcount }
  }
`)

export const CheckUploadDoc = graphql(`
  mutation CheckUpload($input: BeginEvidenceUploadInput!) {
    checkEvidenceUpload(input: $input)
  }
`)

export const BeginUploadDoc = graphql(`
  mutation BeginUpload($input: BeginEvidenceUploadInput!) {
    beginEvidenceUpload(input: $input) { evidence { id status } partSize partCount }
  }
`)

export const UploadPartsDoc = graphql(`
  mutation UploadParts($id: ID!, $parts: [Int!]!) {
    evidenceUploadParts(evidenceID: $id, partNumbers: $parts) { partNumber url headers { name value } expiresAt }
  }
`)

export const CompleteUploadDoc = graphql(`
  mutation CompleteUpload($id: ID!, $parts: [CompletedPartInput!]!) {
    completeEvidenceUpload(evidenceID: $id, parts: $parts) { id status flags }
  }
`)

export const UploadStateDoc = graphql(`
  query UploadState($id: ID!) {
    evidenceUploadStatus(evidenceID: $id) { evidence { id status failureText } uploadedParts { partNumber etag size } }
  }
`)

export const AbortUploadDoc = graphql(`
  mutation AbortUpload($id: ID!) { abortEvidenceUpload(evidenceID: $id) { id status } }
`)

export const ReviewQueueDoc = graphql(`
  query ReviewQueue($flags: [EvidenceFlag!], $where: EvidenceWhereInput) {
    reviewQueue(first: 50, flags: $flags, where: $where) {
      totalCount
      edges {
        node {
          id kind fileName size contentType durationSeconds capturedAt latitude longitude distanceKM flags decision reviewComment
          class { id occupation venueAddress organization { name } }
          duplicates { id capturedAt class { id occupation organization { name } } }
        }
      }
    }
  }
`)

export const PlaybackDoc = graphql(`
  query Playback($id: ID!) { evidencePlaybackURL(evidenceID: $id) }
`)

export const ReviewDoc = graphql(`
  mutation Review($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { id decision reviewComment } }
`)

// The trainer's view of a class's evidence (issue 15): upload status, the inspector's decision and reason, what R11
// still lacks, and which failed or rejected items can be uploaded again (allowedActions REPLACE).
export const ClassEvidenceDoc = graphql(`
  query ClassEvidence($id: ID!) {
    node(id: $id) {
      ... on TrainingClass {
        id rejectedEvidenceCount evidenceDue
        evidence(first: 100, where: { hasPhotoOf: false }, orderBy: { field: CAPTURED_AT, direction: DESC }) {
          edges {
            node {
              id kind fileName size capturedAt status failureText decision reviewComment reviewedAt allowedActions
              replaces { id }
              checks { id status outcome visitedAt }
            }
          }
        }
      }
    }
  }
`)

export const RejectedEvidenceCountDoc = graphql(`
  query RejectedEvidenceCount { rejectedEvidenceCount }
`)

// On-site checks (需现场核查): the inspector's list and the record of a visit.
export const OnSiteChecksDoc = graphql(`
  query OnSiteChecks($where: OnSiteCheckWhereInput) {
    onSiteChecks(first: 100, where: $where) {
      totalCount
      edges { node { id status reason createdAt visitedAt outcome class { id occupation venueAddress organization { name } } evidence { id kind capturedAt } } }
    }
  }
`)

export const OnSiteCheckDoc = graphql(`
  query OnSiteCheck($id: ID!) {
    node(id: $id) {
      ... on OnSiteCheck {
        id status reason notes visitedAt outcome allowedActions createdAt
        class { id occupation venueAddress organization { name } }
        evidence { id kind fileName capturedAt reviewComment }
        photos { id fileName status }
      }
    }
  }
`)

export const RecordVisitDoc = graphql(`
  mutation RecordVisit($input: RecordOnSiteVisitInput!) { recordOnSiteVisit(input: $input) { id status outcome visitedAt } }
`)

export const SampleDoc = graphql(`
  mutation Sample($regionID: ID!, $rate: Float!, $seed: String!) {
    drawInspectionSample(regionID: $regionID, rate: $rate, seed: $seed) { id createdAt rate seed population classes { id occupation organization { name } } }
  }
`)

// The region's last draw, shown when the sampling screen opens (and offline, as kept).
export const LatestSampleDoc = graphql(`
  query LatestSample($regionID: ID!) {
    inspectionSamples(first: 1, where: { regionID: $regionID }, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges { node { id createdAt rate seed population classes { id occupation organization { name } } } }
    }
  }
`)

export const RegionDoc = graphql(`
  query RegionByCode($code: String!) { region(code: $code) { id code name } }
`)

export const MyCertificatesDoc = graphql(`
  query MyCertificates {
    me { person { certificates { id number status kind occupation level issuedAt issuerName qrLink } } }
  }
`)

export const ProgressDoc = graphql(`
  query Progress($campaignID: ID!, $regionCode: String!) {
    campaignProgress(campaignID: $campaignID, regionCode: $regionCode) { category target achieved unit completionRate elapsedShare lagging tracked disbursementRate enterprises }
  }
`)

export const CampaignsDoc = graphql(`
  query Campaigns { campaigns(first: 10, orderBy: { field: STARTS_ON, direction: DESC }) { edges { node { id name startsOn endsOn } } } }
`)

export const ChildRegionsDoc = graphql(`
  query ChildRegions($code: String!) {
    regions(first: 100, where: { hasParentWith: { code: $code } }, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }
  }
`)

export const NoticesDoc = graphql(`
  query Notices($first: Int) {
    notices(first: $first, orderBy: { field: AT, direction: DESC }) {
      totalCount
      edges { node { id kind clock dueAt at read application { id } adjustment { id } apprenticeshipApplication { id } } }
    }
  }
`)

export const UnreadNoticeCountDoc = graphql(`
  query UnreadNoticeCount { unreadNoticeCount }
`)

export const MarkNoticesReadDoc = graphql(`
  mutation MarkNoticesRead($ids: [ID!]!) { markNoticesRead(ids: $ids) }
`)

export const PublicityDoc = graphql(`
  query Publicity($regionCode: String!) {
    publicity(regionCode: $regionCode) { applicationID institution region occupations headcount amountFen startedAt endsAt trainees }
  }
`)

export const LodgePublicObjectionDoc = graphql(`
  mutation LodgePublicObjection($applicationID: ID!, $name: String!, $phone: String!, $text: String!) {
    lodgePublicObjection(applicationID: $applicationID, name: $name, phone: $phone, text: $text)
  }
`)

// Subsidy applications (R7): apply, follow the clocks, work the queue, pay.

export const ApplicationsDoc = graphql(`
  query Applications($first: Int, $where: SubsidyApplicationWhereInput) {
    subsidyApplications(first: $first, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount totalCountExact
      edges {
        node {
          id kind state headcount amountFen prepaidFen submittedAt dueSoon overdue organization { name }
          clocks { name dueAt dueSoon overdue stopped provisional }
        }
      }
    }
  }
`)

export const ClaimableClassesDoc = graphql(`
  query ClaimableClasses {
    trainingClasses(first: 100, where: { status: COMPLETED }, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges { node { id category occupation level effectiveHeadcount plannedEnd organization { id name } } }
    }
  }
`)

export const SubsidyQuoteDoc = graphql(`
  query SubsidyQuote($kind: SubsidyApplicationKind!, $classIDs: [ID!]!) {
    subsidyQuote(kind: $kind, classIDs: $classIDs) {
      headcount amountFen prepaidFen
      classes { class { id occupation effectiveHeadcount } fenPerHead certified vouchers counted uncounted amountFen }
    }
  }
`)

export const SubmitApplicationDoc = graphql(`
  mutation SubmitApplication($input: CreateSubsidyApplicationInput!) { submitSubsidyApplication(input: $input) { id state } }
`)

export const ApplicationDoc = graphql(`
  query Application($id: ID!) {
    node(id: $id) {
      ... on SubsidyApplication {
        id kind state allowedActions headcount amountFen prepaidFen materials materialsComplete complex complexReason comment claimMonth flags
        submittedAt acceptedAt reviewedAt publicityStartedAt publicityEndsAt transferredAt paidAt returnedAt rejectedAt
        organization { id name }
        classes { id occupation category }
        clocks { name dueAt dueSoon overdue stopped provisional }
        objections { id text resolved upheld comment lodgerName lodgerPhone createdAt allowedActions }
        lines(first: 500) { totalCount edges { node { id voucher remark remarkedAt allowedActions person { name idMasked } certificate { number } } } }
        claimWorkers { id name idMasked held }
      }
    }
  }
`)

export const ApplicationPrepaymentsDoc = graphql(`
  query ApplicationPrepayments($classIDs: [ID!]!) {
    prepayments(first: 100, where: { classIDIn: $classIDs }) { edges { node { id amountFen recoverableFen status class { occupation } } } }
  }
`)

export const AcceptApplicationDoc = graphql(`
  mutation AcceptApplication($id: ID!, $complex: Boolean!, $reason: String) { acceptSubsidyApplication(id: $id, complex: $complex, reason: $reason) { id state } }
`)
export const ReviewApplicationDoc = graphql(`
  mutation ReviewApplication($id: ID!, $approve: Boolean!, $comment: String) { reviewSubsidyApplication(id: $id, approve: $approve, comment: $comment) { id state } }
`)
export const ReturnApplicationDoc = graphql(`
  mutation ReturnApplication($id: ID!, $reason: String!) { returnSubsidyApplication(id: $id, reason: $reason) { id state } }
`)
export const StartPublicityDoc = graphql(`
  mutation StartPublicity($id: ID!) { startPublicity(id: $id) { id state } }
`)
export const TransferToFinanceDoc = graphql(`
  mutation TransferToFinance($id: ID!) { transferToFinance(id: $id) { id state } }
`)
export const PayApplicationDoc = graphql(`
  mutation PayApplication($id: ID!, $key: String!) { paySubsidyApplication(id: $id, idempotencyKey: $key) { id state } }
`)
export const ResubmitApplicationDoc = graphql(`
  mutation ResubmitApplication($id: ID!) { resubmitSubsidyApplication(id: $id) { id state } }
`)
export const LodgeObjectionDoc = graphql(`
  mutation LodgeObjection($id: ID!, $text: String!) { lodgeObjection(id: $id, text: $text) { id } }
`)
export const ResolveObjectionDoc = graphql(`
  mutation ResolveObjection($id: ID!, $upheld: Boolean!, $comment: String) { resolveObjection(id: $id, upheld: $upheld, comment: $comment) { id resolved } }
`)
export const RemarkLineDoc = graphql(`
  mutation RemarkLine($id: ID!, $remark: String!) { remarkApplicationLine(id: $id, remark: $remark) { id remark remarkedAt } }
`)

/** The applications still in the procedure, and those it has ended (paid or rejected). */
export const openApplications: SubsidyApplicationWhereInput = { stateNotIn: ['PAID', 'REJECTED'] }
export const closedApplications: SubsidyApplicationWhereInput = { stateIn: ['PAID', 'REJECTED'] }

// Funds (issue 10, R6): the viewer's region's special account (专账) and its ledger, pre-allocations to the regions
// directly below, adjustments (调剂) and prepayments to recover. Every button follows fundActions / allowedActions;
// every money mutation carries an idempotency key made once per intent of the user (src/composables/money.ts).

export const FundsDoc = graphql(`
  query Funds($code: String!) {
    region(code: $code) {
      id code name fundActions
      parent { code name }
      children(first: 100, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }
    }
    fundAccount(regionCode: $code) { id balanceFen allowedActions }
  }
`)

export const FundLedgerDoc = graphql(`
  query FundLedger($code: String!, $last: Int!, $before: Cursor) {
    fundAccount(regionCode: $code) {
      id
      entries(last: $last, before: $before) {
        totalCount
        pageInfo { hasPreviousPage startCursor }
        edges { node { id at kind amountFen balanceAfterFen counterparty } }
      }
    }
  }
`)

export const FundAdjustmentsDoc = graphql(`
  query FundAdjustments {
    fundAdjustments(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {
      edges {
        node {
          id amountFen reason state requestedAt hrDueAt financeDueAt comment financeComment overdue allowedActions
          region { code name }
        }
      }
    }
  }
`)

export const PrepaymentsToRecoverDoc = graphql(`
  query PrepaymentsToRecover {
    prepayments(first: 50, where: { status: TO_RECOVER }) {
      edges { node { id amountFen recoverableFen recoveryReason allowedActions class { id occupation organization { name } } } }
    }
  }
`)

export const DepositFundsDoc = graphql(`
  mutation DepositFunds($code: String!, $amountFen: Int!, $idempotencyKey: String!) {
    depositFunds(regionCode: $code, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }
  }
`)

export const AllocateFundsDoc = graphql(`
  mutation AllocateFunds($from: String!, $to: String!, $amountFen: Int!, $idempotencyKey: String!) {
    allocateFunds(fromRegionCode: $from, toRegionCode: $to, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }
  }
`)

export const RequestFundAdjustmentDoc = graphql(`
  mutation RequestFundAdjustment($code: String!, $amountFen: Int!, $reason: String!) {
    requestFundAdjustment(regionCode: $code, amountFen: $amountFen, reason: $reason) { id state }
  }
`)

export const DecideFundAdjustmentDoc = graphql(`
  mutation DecideFundAdjustment($id: ID!, $agree: Boolean!, $comment: String) {
    decideFundAdjustment(id: $id, agree: $agree, comment: $comment) { id state }
  }
`)

export const AgreeFundAdjustmentAsFinanceDoc = graphql(`
  mutation AgreeFundAdjustmentAsFinance($id: ID!, $agree: Boolean!, $comment: String) {
    agreeFundAdjustmentAsFinance(id: $id, agree: $agree, comment: $comment) { id state }
  }
`)

export const AllocateFundAdjustmentDoc = graphql(`
  mutation AllocateFundAdjustment($id: ID!, $idempotencyKey: String!) {
    allocateFundAdjustment(id: $id, idempotencyKey: $idempotencyKey) { id state }
  }
`)

export const RecoverPrepaymentDoc = graphql(`
  mutation RecoverPrepayment($id: ID!, $idempotencyKey: String!) {
    recoverPrepayment(id: $id, idempotencyKey: $idempotencyKey) { id status }
  }
`)

// 以工代训 county ledgers (issue 11, R1): each county's ledger of the enterprises that qualify, its WeChat work group,
// and whether both were ready by the campaign's deadline. Counties keep them; the officials above read and write them.

/** The counties whose ledgers the viewer's region holds: its own (a county), the ones below it, or below its cities. */
export const LedgerCountiesDoc = graphql(`
  query LedgerCounties($code: String!) {
    regions(
      first: 300
      where: { level: COUNTY, or: [{ code: $code }, { hasParentWith: { code: $code } }, { hasParentWith: { hasParentWith: { code: $code } } }] }
      orderBy: { field: CODE, direction: ASC }
    ) { edges { node { code name } } }
  }
`)

export const CountyLedgerDoc = graphql(`
  query CountyLedger($code: String!) {
    countyLedgerStatus(regionCode: $code) {
      region { code name } enterprises priorityEnterprises inWorkGroup completedAt workGroupCreatedOn dueOn onTime
    }
  }
`)

export const LedgerEnterprisesDoc = graphql(`
  query LedgerEnterprises($where: WorkInLieuEnterpriseWhereInput!, $first: Int!, $after: Cursor) {
    workInLieuEnterprises(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id foundBy contactName contactPhone joinedWorkGroupOn
          organization { id name creditCode sector prioritySector employeeCount }
        }
      }
    }
  }
`)

export const CreateLedgerEnterpriseDoc = graphql(`
  mutation CreateLedgerEnterprise($input: WorkInLieuEnterpriseInput!) {
    createWorkInLieuEnterprise(input: $input) { id }
  }
`)

export const SetWorkGroupJoinedDoc = graphql(`
  mutation SetWorkGroupJoined($id: ID!, $joinedOn: Date!) {
    setWorkGroupJoined(id: $id, joinedOn: $joinedOn) { id joinedWorkGroupOn }
  }
`)

export const ImportLedgerDoc = graphql(`
  mutation ImportLedger($code: String!, $file: Upload!) {
    importWorkInLieuLedger(regionCode: $code, file: $file) { ok imported errors { row column message } }
  }
`)

export const CompleteLedgerDoc = graphql(`
  mutation CompleteLedger($code: String!, $workGroupCreatedOn: Date!) {
    completeCountyLedger(regionCode: $code, workGroupCreatedOn: $workGroupCreatedOn) { completedAt workGroupCreatedOn onTime }
  }
`)

// 以工代训 monthly claims (issue 11 item 7, R1): an enterprise on a county's ledger claims each month for the workers it
// kept on; the staff read its roster from a sheet (checked as the claim will be, the workers another enterprise claimed
// for the month marked) or type it, and submit it as a SubsidyApplication of kind WORK_IN_LIEU.

export const ClaimsDoc = graphql(`
  query Claims($first: Int) {
    subsidyApplications(first: $first, where: { kind: WORK_IN_LIEU }, orderBy: { field: CREATED_AT, direction: DESC }) {
      totalCount totalCountExact
      edges { node { id claimMonth state headcount amountFen flags createdAt } }
    }
  }
`)

export const ReadClaimRosterDoc = graphql(`
  mutation ReadClaimRoster($organizationID: ID!, $month: String!, $file: Upload!) {
    readClaimRoster(organizationID: $organizationID, month: $month, file: $file) { rows { row name idNumber heldElsewhere errors { column message } } errors { message } }
  }
`)

export const SubmitClaimDoc = graphql(`
  mutation SubmitClaim($input: WorkInLieuClaimInput!) {
    submitWorkInLieuClaim(input: $input) { id claimMonth state headcount amountFen flags }
  }
`)

// New-style apprenticeships (issue 12, R5): contracts signed by an enterprise, a school and an apprentice, typed on the
// phone or imported from a sheet (all-or-nothing, a row report); the schools' yearly quotas (500/300/100) with the
// lagging ones marked.

/** Who is asking: the staff's organisation (its kind says which party it is) and the region an official follows. */
export const ContractViewerDoc = graphql(`
  query ContractViewer {
    me { id role region { code name } organization { id name kind creditCode region { code } } }
  }
`)

export const ApprenticeshipContractsDoc = graphql(`
  query ApprenticeshipContracts($first: Int!, $after: Cursor) {
    apprenticeshipContracts(first: $first, after: $after, orderBy: { field: SIGNED_ON, direction: DESC }) {
      totalCount totalCountExact
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id apprenticeName idMasked enterpriseID enterpriseName schoolID schoolName occupation level startsOn months signedOn
          enterpriseTutor schoolTutor
        }
      }
    }
  }
`)

export const ApprenticeshipQuotasDoc = graphql(`
  query ApprenticeshipQuotas($regionCode: String!, $year: Int!) {
    apprenticeshipQuotas(regionCode: $regionCode, year: $year) { school { id name } kind quota signed lagging }
  }
`)

/** The organisations of the kinds a party may be that the viewer reads (an official: those of their region), by name. */
export const ContractPartiesDoc = graphql(`
  query ContractParties($kinds: [OrganizationKind!]!, $name: String, $first: Int!) {
    organizations(first: $first, where: { kindIn: $kinds, nameContains: $name }, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges { node { id name kind creditCode } }
    }
  }
`)

export const SignContractDoc = graphql(`
  mutation SignContract($input: ApprenticeshipContractInput!) {
    signApprenticeshipContract(input: $input) { id apprenticeName idMasked signedOn }
  }
`)

export const ImportContractsDoc = graphql(`
  mutation ImportContracts($file: Upload!) {
    importApprenticeshipContracts(file: $file) { ok imported errors { row column message } }
  }
`)

/** The enterprise or school with a credit code (anyone signed in may name a party so), or null. */
export const ContractPartyDoc = graphql(`
  query ContractParty($creditCode: String!) {
    contractParty(creditCode: $creditCode) { id name kind regionName }
  }
`)

// Enterprises' applications to train apprentices (R5): accepted the working day they arrive (即时受理), approved or
// rejected whole (不得刻意压缩规模).

export const ApprenticeshipApplicationsDoc = graphql(`
  query ApprenticeshipApplications($first: Int!, $after: Cursor, $where: ApprenticeshipApplicationWhereInput, $orderBy: ApprenticeshipApplicationOrder) {
    apprenticeshipApplications(first: $first, after: $after, where: $where, orderBy: $orderBy) {
      totalCount totalCountExact
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions
          schoolID schoolName school { name }
        }
      }
    }
  }
`)

export const ApprenticeshipApplicationDoc = graphql(`
  query ApprenticeshipApplication($id: ID!) {
    node(id: $id) {
      ... on ApprenticeshipApplication {
        id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions
        schoolID schoolName school { name }
      }
    }
  }
`)

export const ApplyForApprenticeshipDoc = graphql(`
  mutation ApplyForApprenticeship($input: ApprenticeshipApplicationInput!) {
    applyForApprenticeship(input: $input) { id state submittedAt acceptanceDueAt }
  }
`)

export const AcceptApprenticeshipApplicationDoc = graphql(`
  mutation AcceptApprenticeshipApplication($id: ID!) { acceptApprenticeshipApplication(id: $id) { id state acceptedAt } }
`)
export const ApproveApprenticeshipApplicationDoc = graphql(`
  mutation ApproveApprenticeshipApplication($id: ID!) { approveApprenticeshipApplication(id: $id) { id state decidedAt } }
`)
export const RejectApprenticeshipApplicationDoc = graphql(`
  mutation RejectApprenticeshipApplication($id: ID!, $reason: String!) { rejectApprenticeshipApplication(id: $id, reason: $reason) { id state decidedAt rejectReason } }
`)

// Skill-level certification filings (职业技能等级认定备案, R8): an organisation files for occupations and levels with its
// kind's checklist of materials; the officials of its city or the province approve it or return it with a reason.

export const CertificationUnitsDoc = graphql(`
  query CertificationUnits($first: Int!, $after: Cursor, $where: CertificationUnitWhereInput, $orderBy: CertificationUnitOrder) {
    certificationUnits(first: $first, after: $after, where: $where, orderBy: $orderBy) {
      totalCount totalCountExact
      pageInfo { hasNextPage endCursor }
      edges { node { id organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions } }
    }
  }
`)

export const CertificationUnitDoc = graphql(`
  query CertificationUnit($id: ID!) {
    node(id: $id) {
      ... on CertificationUnit {
        id organizationID organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions
        checklist { item materials { id fileName contentType size url } }
      }
    }
  }
`)

export const FileCertificationUnitDoc = graphql(`
  mutation FileCertificationUnit($input: CertificationUnitInput!) {
    fileCertificationUnit(input: $input) { id status filedAt }
  }
`)

export const HandInCertificationMaterialDoc = graphql(`
  mutation HandInCertificationMaterial($unitID: ID!, $item: CertificationMaterialItem!, $file: Upload!) {
    handInCertificationMaterial(unitID: $unitID, item: $item, file: $file) { id item fileName contentType size url }
  }
`)

export const RemoveCertificationMaterialDoc = graphql(`
  mutation RemoveCertificationMaterial($id: ID!) { removeCertificationMaterial(id: $id) }
`)

export const ApproveCertificationUnitDoc = graphql(`
  mutation ApproveCertificationUnit($id: ID!) { approveCertificationUnit(id: $id) { id status decidedAt } }
`)

export const ReturnCertificationUnitDoc = graphql(`
  mutation ReturnCertificationUnit($id: ID!, $reason: String!) { returnCertificationUnit(id: $id, reason: $reason) { id status decidedAt returnReason } }
`)

export const UnfiledSchoolsDoc = graphql(`
  query UnfiledSchools($regionCode: String!) {
    unfiledSchools(regionCode: $regionCode) { id name kind creditCode region { name } }
  }
`)

// 包干 (contracting, R2): an official's assignments, visits with photos, the five clears; the ledgers and the
// enterprises at or above the threshold that nobody serves.
export const MyContractingDoc = graphql(`
  query MyContracting {
    contracting {
      officialName tier threshold region { code name }
      regions { id region { id code name } }
      enterprises {
        id visitsDone visitsDue visitState
        organization { id name employeeCount region { name } }
        fiveClears { item confirmation { id } }
      }
    }
  }
`)

export const EnterpriseServiceDoc = graphql(`
  query EnterpriseService($id: ID!) {
    node(id: $id) { ... on Organization { id name employeeCount region { name } } }
    fiveClears(organizationID: $id) { item confirmation { id confirmedByName confirmedAt } }
    enterpriseVisits(organizationID: $id) { id visitedOn visitorName participants notes photos { id fileName status } }
  }
`)

export const ConfirmFiveClearDoc = graphql(`
  mutation ConfirmFiveClear($organizationID: ID!, $item: FiveClearItem!) {
    confirmFiveClear(organizationID: $organizationID, item: $item) { id item confirmedByName confirmedAt }
  }
`)

export const LogEnterpriseVisitDoc = graphql(`
  mutation LogEnterpriseVisit($input: LogEnterpriseVisitInput!) {
    logEnterpriseVisit(input: $input) { id visitedOn visitorName }
  }
`)

export const ContractingLedgersDoc = graphql(`
  query ContractingLedgers {
    contractingLedgers { region { id code name } threshold largeEnterprises assigned completedAt dueOn state }
  }
`)

export const UnassignedLargeEnterprisesDoc = graphql(`
  query UnassignedLargeEnterprises($code: String!) {
    unassignedLargeEnterprises(regionCode: $code) { id name employeeCount creditCode region { name } }
    contractingOfficials(regionCode: $code) { id displayName }
  }
`)

export const AssignContractingDoc = graphql(`
  mutation AssignContracting($input: AssignContractingInput!) {
    assignContracting(input: $input) { officialName enterprises { id } }
  }
`)


// Ten-day reports (旬报), the monthly bulletin (通报), the summons list (约谈) and the backward schedule (倒排工期), R9.
export const TenDayReportsDoc = graphql(`
  query TenDayReports($r: String!, $f: Date!, $t: Date!) {
    tenDayReports(regionCode: $r, from: $f, to: $t) {
      id version status comment correctionReason late dueAt submittedAt disbursementRate allowedActions
      period { start end } figures { category cumulative period } region { code name }
    }
  }
`)

export const SubmitTenDayReportDoc = graphql(`
  mutation SubmitTenDayReport($id: ID!, $comment: String) {
    submitTenDayReport(id: $id, comment: $comment) { id status comment submittedAt }
  }
`)

export const CorrectTenDayReportDoc = graphql(`
  mutation CorrectTenDayReport($id: ID!, $reason: String!) {
    correctTenDayReport(id: $id, reason: $reason) { id version status correctionReason }
  }
`)

export const MissingTenDayReportsDoc = graphql(`
  query MissingTenDayReports($p: Date!) {
    missingTenDayReports(periodStart: $p) { id code name }
  }
`)

export const CompareTenDayReportsDoc = graphql(`
  query CompareTenDayReports($r: String!, $a: Date!, $b: Date!) {
    compareTenDayReports(regionCode: $r, periodA: $a, periodB: $b) {
      a { version period { start end } } b { version period { start end } }
      rows { category a { cumulative period } b { cumulative period } cumulative period }
    }
  }
`)

export const MonthlyBulletinDoc = graphql(`
  query MonthlyBulletin($m: String!) {
    monthlyBulletin(month: $m) {
      month issuedOn asOf frozen elapsedShare overdueClocks
      region { code name } campaign { name } bottom { code name } moneyLagging { code name }
      rows {
        rank completion gap targeted spentFen allocatedFen disbursementRate moneyLagging overdueClocks unsubmitted bottom frozen
        region { code name }
      }
    }
  }
`)

export const SummonsCandidatesDoc = graphql(`
  query SummonsCandidates($m: String!) {
    summonsCandidates(month: $m) {
      region { code name }
      facts { kind category completion elapsed count periods }
      summons { id reason confirmedAt }
    }
  }
`)

export const ConfirmSummonsDoc = graphql(`
  mutation ConfirmSummons($m: String!, $r: String!, $why: String!) {
    confirmSummons(month: $m, regionCode: $r, reason: $why) { id reason confirmedAt }
  }
`)

export const BackwardScheduleDoc = graphql(`
  query BackwardSchedule($r: String!) {
    backwardSchedule(regionCode: $r) {
      daysElapsed daysLeft latestSubmission latestComplexSubmission
      rows { category target achieved remaining ratePerDaySoFar ratePerDayNeeded onTrack }
    }
  }
`)
