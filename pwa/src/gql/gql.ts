/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken expiresAt user { id username displayName role } }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Refresh($token: String!) {\n    refreshToken(token: $token) { accessToken refreshToken expiresAt user { id username displayName role } }\n  }\n": typeof types.RefreshDocument,
    "\n  mutation Logout { logout }\n": typeof types.LogoutDocument,
    "\n  query Me {\n    me { id username displayName role region { code name } organization { id name kind } person { id name idMasked } }\n  }\n": typeof types.MeDocument,
    "\n  query Classes($first: Int, $after: Cursor, $where: TrainingClassWhereInput) {\n    trainingClasses(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges { node { id category occupation status approvedHeadcount effectiveHeadcount plannedStart plannedEnd venueAddress enrolledCount rejectedEvidenceCount organization { name } } }\n    }\n  }\n": typeof types.ClassesDocument,
    "\n  query Class($id: ID!) {\n    node(id: $id) {\n      ... on TrainingClass {\n        id category occupation level status allowedActions approvedHeadcount effectiveHeadcount presentCount\n        plannedStart plannedEnd mode venueAddress venueLatitude venueLongitude remotelySupervised\n        organization { id name }\n        enrollments { id presentOnOpening person { id name idMasked } }\n      }\n    }\n  }\n": typeof types.ClassDocument,
    "\n  mutation CreateClass($input: CreateTrainingClassInput!) {\n    createTrainingClass(input: $input) { id status }\n  }\n": typeof types.CreateClassDocument,
    "\n  mutation SubmitClass($id: ID!) { submitTrainingClass(id: $id) { id status } }\n": typeof types.SubmitClassDocument,
    "\n  mutation ApproveClass($id: ID!) { approveTrainingClass(id: $id) { id status } }\n": typeof types.ApproveClassDocument,
    "\n  mutation RejectClass($id: ID!, $reason: String!) { rejectTrainingClass(id: $id, reason: $reason) { id status } }\n": typeof types.RejectClassDocument,
    "\n  mutation StartClass($id: ID!) { startTrainingClass(id: $id) { id status } }\n": typeof types.StartClassDocument,
    "\n  mutation CompleteClass($id: ID!) { completeTrainingClass(id: $id) { id status } }\n": typeof types.CompleteClassDocument,
    "\n  mutation CancelClass($id: ID!) { cancelTrainingClass(id: $id) { id status } }\n": typeof types.CancelClassDocument,
    "\n  mutation Enroll($classID: ID!, $persons: [EnrollPersonInput!]!) {\n    enrollPersons(classID: $classID, persons: $persons) { id person { id name idMasked } }\n  }\n": typeof types.EnrollDocument,
    "\n  mutation ReadRoster($classID: ID!, $file: Upload!) {\n    readRoster(classID: $classID, file: $file) { rows { row name idNumber phone entrepreneurshipBasis businessOpenedOn errors { column message } } errors { message } }\n  }\n": typeof types.ReadRosterDocument,
    "\n  mutation Attendance($classID: ID!, $present: [ID!]!) {\n    recordOpeningAttendance(classID: $classID, presentPersonIDs: $present) { id presentCount effectiveHeadcount }\n  }\n": typeof types.AttendanceDocument,
    "\n  mutation CheckUpload($input: BeginEvidenceUploadInput!) {\n    checkEvidenceUpload(input: $input)\n  }\n": typeof types.CheckUploadDocument,
    "\n  mutation BeginUpload($input: BeginEvidenceUploadInput!) {\n    beginEvidenceUpload(input: $input) { evidence { id status } partSize partCount }\n  }\n": typeof types.BeginUploadDocument,
    "\n  mutation UploadParts($id: ID!, $parts: [Int!]!) {\n    evidenceUploadParts(evidenceID: $id, partNumbers: $parts) { partNumber url headers { name value } expiresAt }\n  }\n": typeof types.UploadPartsDocument,
    "\n  mutation CompleteUpload($id: ID!, $parts: [CompletedPartInput!]!) {\n    completeEvidenceUpload(evidenceID: $id, parts: $parts) { id status flags }\n  }\n": typeof types.CompleteUploadDocument,
    "\n  query UploadState($id: ID!) {\n    evidenceUploadStatus(evidenceID: $id) { evidence { id status failureText } uploadedParts { partNumber etag size } }\n  }\n": typeof types.UploadStateDocument,
    "\n  mutation AbortUpload($id: ID!) { abortEvidenceUpload(evidenceID: $id) { id status } }\n": typeof types.AbortUploadDocument,
    "\n  query ReviewQueue($flags: [EvidenceFlag!], $where: EvidenceWhereInput) {\n    reviewQueue(first: 50, flags: $flags, where: $where) {\n      totalCount\n      edges {\n        node {\n          id kind fileName size contentType durationSeconds capturedAt latitude longitude distanceKM flags decision reviewComment\n          class { id occupation venueAddress organization { name } }\n          duplicates { id capturedAt class { id occupation organization { name } } }\n        }\n      }\n    }\n  }\n": typeof types.ReviewQueueDocument,
    "\n  query Playback($id: ID!) { evidencePlaybackURL(evidenceID: $id) }\n": typeof types.PlaybackDocument,
    "\n  mutation Review($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { id decision reviewComment } }\n": typeof types.ReviewDocument,
    "\n  query ClassEvidence($id: ID!) {\n    node(id: $id) {\n      ... on TrainingClass {\n        id rejectedEvidenceCount evidenceDue\n        evidence(first: 100, where: { hasPhotoOf: false }, orderBy: { field: CAPTURED_AT, direction: DESC }) {\n          edges {\n            node {\n              id kind fileName size capturedAt status failureText decision reviewComment reviewedAt allowedActions\n              replaces { id }\n              checks { id status outcome visitedAt }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ClassEvidenceDocument,
    "\n  query RejectedEvidenceCount { rejectedEvidenceCount }\n": typeof types.RejectedEvidenceCountDocument,
    "\n  query OnSiteChecks($where: OnSiteCheckWhereInput) {\n    onSiteChecks(first: 100, where: $where) {\n      totalCount\n      edges { node { id status reason createdAt visitedAt outcome class { id occupation venueAddress organization { name } } evidence { id kind capturedAt } } }\n    }\n  }\n": typeof types.OnSiteChecksDocument,
    "\n  query OnSiteCheck($id: ID!) {\n    node(id: $id) {\n      ... on OnSiteCheck {\n        id status reason notes visitedAt outcome allowedActions createdAt\n        class { id occupation venueAddress organization { name } }\n        evidence { id kind fileName capturedAt reviewComment }\n        photos { id fileName status }\n      }\n    }\n  }\n": typeof types.OnSiteCheckDocument,
    "\n  mutation RecordVisit($input: RecordOnSiteVisitInput!) { recordOnSiteVisit(input: $input) { id status outcome visitedAt } }\n": typeof types.RecordVisitDocument,
    "\n  mutation Sample($regionID: ID!, $rate: Float!, $seed: String!) {\n    drawInspectionSample(regionID: $regionID, rate: $rate, seed: $seed) { id createdAt rate seed population classes { id occupation organization { name } } }\n  }\n": typeof types.SampleDocument,
    "\n  query LatestSample($regionID: ID!) {\n    inspectionSamples(first: 1, where: { regionID: $regionID }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges { node { id createdAt rate seed population classes { id occupation organization { name } } } }\n    }\n  }\n": typeof types.LatestSampleDocument,
    "\n  query RegionByCode($code: String!) { region(code: $code) { id code name } }\n": typeof types.RegionByCodeDocument,
    "\n  query MyCertificates {\n    me { person { certificates { id number status kind occupation level issuedAt issuerName qrLink } } }\n  }\n": typeof types.MyCertificatesDocument,
    "\n  query Progress($campaignID: ID!, $regionCode: String!) {\n    campaignProgress(campaignID: $campaignID, regionCode: $regionCode) { category target achieved unit completionRate elapsedShare lagging tracked disbursementRate enterprises }\n  }\n": typeof types.ProgressDocument,
    "\n  query Campaigns { campaigns(first: 10, orderBy: { field: STARTS_ON, direction: DESC }) { edges { node { id name startsOn endsOn } } } }\n": typeof types.CampaignsDocument,
    "\n  query ChildRegions($code: String!) {\n    regions(first: 100, where: { hasParentWith: { code: $code } }, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }\n  }\n": typeof types.ChildRegionsDocument,
    "\n  query Notices($first: Int) {\n    notices(first: $first, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges { node { id kind clock dueAt at read application { id } adjustment { id } apprenticeshipApplication { id } } }\n    }\n  }\n": typeof types.NoticesDocument,
    "\n  query UnreadNoticeCount { unreadNoticeCount }\n": typeof types.UnreadNoticeCountDocument,
    "\n  mutation MarkNoticesRead($ids: [ID!]!) { markNoticesRead(ids: $ids) }\n": typeof types.MarkNoticesReadDocument,
    "\n  query Publicity($regionCode: String!) {\n    publicity(regionCode: $regionCode) { applicationID institution region occupations headcount amountFen startedAt endsAt trainees }\n  }\n": typeof types.PublicityDocument,
    "\n  mutation LodgePublicObjection($applicationID: ID!, $name: String!, $phone: String!, $text: String!) {\n    lodgePublicObjection(applicationID: $applicationID, name: $name, phone: $phone, text: $text)\n  }\n": typeof types.LodgePublicObjectionDocument,
    "\n  query Applications($first: Int, $where: SubsidyApplicationWhereInput) {\n    subsidyApplications(first: $first, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount totalCountExact\n      edges {\n        node {\n          id kind state headcount amountFen prepaidFen submittedAt dueSoon overdue organization { name }\n          clocks { name dueAt dueSoon overdue stopped provisional }\n        }\n      }\n    }\n  }\n": typeof types.ApplicationsDocument,
    "\n  query ClaimableClasses {\n    trainingClasses(first: 100, where: { status: COMPLETED }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges { node { id category occupation level effectiveHeadcount plannedEnd organization { id name } } }\n    }\n  }\n": typeof types.ClaimableClassesDocument,
    "\n  query SubsidyQuote($kind: SubsidyApplicationKind!, $classIDs: [ID!]!) {\n    subsidyQuote(kind: $kind, classIDs: $classIDs) {\n      headcount amountFen prepaidFen\n      classes { class { id occupation effectiveHeadcount } fenPerHead certified vouchers counted uncounted amountFen }\n    }\n  }\n": typeof types.SubsidyQuoteDocument,
    "\n  mutation SubmitApplication($input: CreateSubsidyApplicationInput!) { submitSubsidyApplication(input: $input) { id state } }\n": typeof types.SubmitApplicationDocument,
    "\n  query Application($id: ID!) {\n    node(id: $id) {\n      ... on SubsidyApplication {\n        id kind state allowedActions headcount amountFen prepaidFen materials materialsComplete complex complexReason comment claimMonth flags\n        submittedAt acceptedAt reviewedAt publicityStartedAt publicityEndsAt transferredAt paidAt returnedAt rejectedAt\n        organization { id name }\n        classes { id occupation category }\n        clocks { name dueAt dueSoon overdue stopped provisional }\n        objections { id text resolved upheld comment lodgerName lodgerPhone createdAt allowedActions }\n        lines(first: 500) { totalCount edges { node { id voucher remark remarkedAt allowedActions person { name idMasked } certificate { number } } } }\n        claimWorkers { id name idMasked held }\n      }\n    }\n  }\n": typeof types.ApplicationDocument,
    "\n  query ApplicationPrepayments($classIDs: [ID!]!) {\n    prepayments(first: 100, where: { classIDIn: $classIDs }) { edges { node { id amountFen recoverableFen status class { occupation } } } }\n  }\n": typeof types.ApplicationPrepaymentsDocument,
    "\n  mutation AcceptApplication($id: ID!, $complex: Boolean!, $reason: String) { acceptSubsidyApplication(id: $id, complex: $complex, reason: $reason) { id state } }\n": typeof types.AcceptApplicationDocument,
    "\n  mutation ReviewApplication($id: ID!, $approve: Boolean!, $comment: String) { reviewSubsidyApplication(id: $id, approve: $approve, comment: $comment) { id state } }\n": typeof types.ReviewApplicationDocument,
    "\n  mutation ReturnApplication($id: ID!, $reason: String!) { returnSubsidyApplication(id: $id, reason: $reason) { id state } }\n": typeof types.ReturnApplicationDocument,
    "\n  mutation StartPublicity($id: ID!) { startPublicity(id: $id) { id state } }\n": typeof types.StartPublicityDocument,
    "\n  mutation TransferToFinance($id: ID!) { transferToFinance(id: $id) { id state } }\n": typeof types.TransferToFinanceDocument,
    "\n  mutation PayApplication($id: ID!, $key: String!) { paySubsidyApplication(id: $id, idempotencyKey: $key) { id state } }\n": typeof types.PayApplicationDocument,
    "\n  mutation ResubmitApplication($id: ID!) { resubmitSubsidyApplication(id: $id) { id state } }\n": typeof types.ResubmitApplicationDocument,
    "\n  mutation LodgeObjection($id: ID!, $text: String!) { lodgeObjection(id: $id, text: $text) { id } }\n": typeof types.LodgeObjectionDocument,
    "\n  mutation ResolveObjection($id: ID!, $upheld: Boolean!, $comment: String) { resolveObjection(id: $id, upheld: $upheld, comment: $comment) { id resolved } }\n": typeof types.ResolveObjectionDocument,
    "\n  mutation RemarkLine($id: ID!, $remark: String!) { remarkApplicationLine(id: $id, remark: $remark) { id remark remarkedAt } }\n": typeof types.RemarkLineDocument,
    "\n  query Funds($code: String!) {\n    region(code: $code) {\n      id code name fundActions\n      parent { code name }\n      children(first: 100, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }\n    }\n    fundAccount(regionCode: $code) { id balanceFen allowedActions }\n  }\n": typeof types.FundsDocument,
    "\n  query FundLedger($code: String!, $last: Int!, $before: Cursor) {\n    fundAccount(regionCode: $code) {\n      id\n      entries(last: $last, before: $before) {\n        totalCount\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { id at kind amountFen balanceAfterFen counterparty } }\n      }\n    }\n  }\n": typeof types.FundLedgerDocument,
    "\n  query FundAdjustments {\n    fundAdjustments(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges {\n        node {\n          id amountFen reason state requestedAt hrDueAt financeDueAt comment financeComment overdue allowedActions\n          region { code name }\n        }\n      }\n    }\n  }\n": typeof types.FundAdjustmentsDocument,
    "\n  query PrepaymentsToRecover {\n    prepayments(first: 50, where: { status: TO_RECOVER }) {\n      edges { node { id amountFen recoverableFen recoveryReason allowedActions class { id occupation organization { name } } } }\n    }\n  }\n": typeof types.PrepaymentsToRecoverDocument,
    "\n  mutation DepositFunds($code: String!, $amountFen: Int!, $idempotencyKey: String!) {\n    depositFunds(regionCode: $code, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }\n  }\n": typeof types.DepositFundsDocument,
    "\n  mutation AllocateFunds($from: String!, $to: String!, $amountFen: Int!, $idempotencyKey: String!) {\n    allocateFunds(fromRegionCode: $from, toRegionCode: $to, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }\n  }\n": typeof types.AllocateFundsDocument,
    "\n  mutation RequestFundAdjustment($code: String!, $amountFen: Int!, $reason: String!) {\n    requestFundAdjustment(regionCode: $code, amountFen: $amountFen, reason: $reason) { id state }\n  }\n": typeof types.RequestFundAdjustmentDocument,
    "\n  mutation DecideFundAdjustment($id: ID!, $agree: Boolean!, $comment: String) {\n    decideFundAdjustment(id: $id, agree: $agree, comment: $comment) { id state }\n  }\n": typeof types.DecideFundAdjustmentDocument,
    "\n  mutation AgreeFundAdjustmentAsFinance($id: ID!, $agree: Boolean!, $comment: String) {\n    agreeFundAdjustmentAsFinance(id: $id, agree: $agree, comment: $comment) { id state }\n  }\n": typeof types.AgreeFundAdjustmentAsFinanceDocument,
    "\n  mutation AllocateFundAdjustment($id: ID!, $idempotencyKey: String!) {\n    allocateFundAdjustment(id: $id, idempotencyKey: $idempotencyKey) { id state }\n  }\n": typeof types.AllocateFundAdjustmentDocument,
    "\n  mutation RecoverPrepayment($id: ID!, $idempotencyKey: String!) {\n    recoverPrepayment(id: $id, idempotencyKey: $idempotencyKey) { id status }\n  }\n": typeof types.RecoverPrepaymentDocument,
    "\n  query LedgerCounties($code: String!) {\n    regions(\n      first: 300\n      where: { level: COUNTY, or: [{ code: $code }, { hasParentWith: { code: $code } }, { hasParentWith: { hasParentWith: { code: $code } } }] }\n      orderBy: { field: CODE, direction: ASC }\n    ) { edges { node { code name } } }\n  }\n": typeof types.LedgerCountiesDocument,
    "\n  query CountyLedger($code: String!) {\n    countyLedgerStatus(regionCode: $code) {\n      region { code name } enterprises priorityEnterprises inWorkGroup completedAt workGroupCreatedOn dueOn onTime\n    }\n  }\n": typeof types.CountyLedgerDocument,
    "\n  query LedgerEnterprises($where: WorkInLieuEnterpriseWhereInput!, $first: Int!, $after: Cursor) {\n    workInLieuEnterprises(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id foundBy contactName contactPhone joinedWorkGroupOn\n          organization { id name creditCode sector prioritySector employeeCount }\n        }\n      }\n    }\n  }\n": typeof types.LedgerEnterprisesDocument,
    "\n  mutation CreateLedgerEnterprise($input: WorkInLieuEnterpriseInput!) {\n    createWorkInLieuEnterprise(input: $input) { id }\n  }\n": typeof types.CreateLedgerEnterpriseDocument,
    "\n  mutation SetWorkGroupJoined($id: ID!, $joinedOn: Date!) {\n    setWorkGroupJoined(id: $id, joinedOn: $joinedOn) { id joinedWorkGroupOn }\n  }\n": typeof types.SetWorkGroupJoinedDocument,
    "\n  mutation ImportLedger($code: String!, $file: Upload!) {\n    importWorkInLieuLedger(regionCode: $code, file: $file) { ok imported errors { row column message } }\n  }\n": typeof types.ImportLedgerDocument,
    "\n  mutation CompleteLedger($code: String!, $workGroupCreatedOn: Date!) {\n    completeCountyLedger(regionCode: $code, workGroupCreatedOn: $workGroupCreatedOn) { completedAt workGroupCreatedOn onTime }\n  }\n": typeof types.CompleteLedgerDocument,
    "\n  query Claims($first: Int) {\n    subsidyApplications(first: $first, where: { kind: WORK_IN_LIEU }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount totalCountExact\n      edges { node { id claimMonth state headcount amountFen flags createdAt } }\n    }\n  }\n": typeof types.ClaimsDocument,
    "\n  mutation ReadClaimRoster($organizationID: ID!, $month: String!, $file: Upload!) {\n    readClaimRoster(organizationID: $organizationID, month: $month, file: $file) { rows { row name idNumber heldElsewhere errors { column message } } errors { message } }\n  }\n": typeof types.ReadClaimRosterDocument,
    "\n  mutation SubmitClaim($input: WorkInLieuClaimInput!) {\n    submitWorkInLieuClaim(input: $input) { id claimMonth state headcount amountFen flags }\n  }\n": typeof types.SubmitClaimDocument,
    "\n  query ContractViewer {\n    me { id role region { code name } organization { id name kind creditCode region { code } } }\n  }\n": typeof types.ContractViewerDocument,
    "\n  query ApprenticeshipContracts($first: Int!, $after: Cursor) {\n    apprenticeshipContracts(first: $first, after: $after, orderBy: { field: SIGNED_ON, direction: DESC }) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id apprenticeName idMasked enterpriseID enterpriseName schoolID schoolName occupation level startsOn months signedOn\n          enterpriseTutor schoolTutor\n        }\n      }\n    }\n  }\n": typeof types.ApprenticeshipContractsDocument,
    "\n  query ApprenticeshipQuotas($regionCode: String!, $year: Int!) {\n    apprenticeshipQuotas(regionCode: $regionCode, year: $year) { school { id name } kind quota signed lagging }\n  }\n": typeof types.ApprenticeshipQuotasDocument,
    "\n  query ContractParties($kinds: [OrganizationKind!]!, $name: String, $first: Int!) {\n    organizations(first: $first, where: { kindIn: $kinds, nameContains: $name }, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges { node { id name kind creditCode } }\n    }\n  }\n": typeof types.ContractPartiesDocument,
    "\n  mutation SignContract($input: ApprenticeshipContractInput!) {\n    signApprenticeshipContract(input: $input) { id apprenticeName idMasked signedOn }\n  }\n": typeof types.SignContractDocument,
    "\n  mutation ImportContracts($file: Upload!) {\n    importApprenticeshipContracts(file: $file) { ok imported errors { row column message } }\n  }\n": typeof types.ImportContractsDocument,
    "\n  query ContractParty($creditCode: String!) {\n    contractParty(creditCode: $creditCode) { id name kind regionName }\n  }\n": typeof types.ContractPartyDocument,
    "\n  query ApprenticeshipApplications($first: Int!, $after: Cursor, $where: ApprenticeshipApplicationWhereInput, $orderBy: ApprenticeshipApplicationOrder) {\n    apprenticeshipApplications(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions\n          schoolID schoolName school { name }\n        }\n      }\n    }\n  }\n": typeof types.ApprenticeshipApplicationsDocument,
    "\n  query ApprenticeshipApplication($id: ID!) {\n    node(id: $id) {\n      ... on ApprenticeshipApplication {\n        id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions\n        schoolID schoolName school { name }\n      }\n    }\n  }\n": typeof types.ApprenticeshipApplicationDocument,
    "\n  mutation ApplyForApprenticeship($input: ApprenticeshipApplicationInput!) {\n    applyForApprenticeship(input: $input) { id state submittedAt acceptanceDueAt }\n  }\n": typeof types.ApplyForApprenticeshipDocument,
    "\n  mutation AcceptApprenticeshipApplication($id: ID!) { acceptApprenticeshipApplication(id: $id) { id state acceptedAt } }\n": typeof types.AcceptApprenticeshipApplicationDocument,
    "\n  mutation ApproveApprenticeshipApplication($id: ID!) { approveApprenticeshipApplication(id: $id) { id state decidedAt } }\n": typeof types.ApproveApprenticeshipApplicationDocument,
    "\n  mutation RejectApprenticeshipApplication($id: ID!, $reason: String!) { rejectApprenticeshipApplication(id: $id, reason: $reason) { id state decidedAt rejectReason } }\n": typeof types.RejectApprenticeshipApplicationDocument,
    "\n  query CertificationUnits($first: Int!, $after: Cursor, $where: CertificationUnitWhereInput, $orderBy: CertificationUnitOrder) {\n    certificationUnits(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges { node { id organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions } }\n    }\n  }\n": typeof types.CertificationUnitsDocument,
    "\n  query CertificationUnit($id: ID!) {\n    node(id: $id) {\n      ... on CertificationUnit {\n        id organizationID organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions\n        checklist { item materials { id fileName contentType size url } }\n      }\n    }\n  }\n": typeof types.CertificationUnitDocument,
    "\n  mutation FileCertificationUnit($input: CertificationUnitInput!) {\n    fileCertificationUnit(input: $input) { id status filedAt }\n  }\n": typeof types.FileCertificationUnitDocument,
    "\n  mutation HandInCertificationMaterial($unitID: ID!, $item: CertificationMaterialItem!, $file: Upload!) {\n    handInCertificationMaterial(unitID: $unitID, item: $item, file: $file) { id item fileName contentType size url }\n  }\n": typeof types.HandInCertificationMaterialDocument,
    "\n  mutation RemoveCertificationMaterial($id: ID!) { removeCertificationMaterial(id: $id) }\n": typeof types.RemoveCertificationMaterialDocument,
    "\n  mutation ApproveCertificationUnit($id: ID!) { approveCertificationUnit(id: $id) { id status decidedAt } }\n": typeof types.ApproveCertificationUnitDocument,
    "\n  mutation ReturnCertificationUnit($id: ID!, $reason: String!) { returnCertificationUnit(id: $id, reason: $reason) { id status decidedAt returnReason } }\n": typeof types.ReturnCertificationUnitDocument,
    "\n  query UnfiledSchools($regionCode: String!) {\n    unfiledSchools(regionCode: $regionCode) { id name kind creditCode region { name } }\n  }\n": typeof types.UnfiledSchoolsDocument,
    "\n  query MyContracting {\n    contracting {\n      officialName tier threshold region { code name }\n      regions { id region { id code name } }\n      enterprises {\n        id visitsDone visitsDue visitState\n        organization { id name employeeCount region { name } }\n        fiveClears { item confirmation { id } }\n      }\n    }\n  }\n": typeof types.MyContractingDocument,
    "\n  query EnterpriseService($id: ID!) {\n    node(id: $id) { ... on Organization { id name employeeCount region { name } } }\n    fiveClears(organizationID: $id) { item confirmation { id confirmedByName confirmedAt } }\n    enterpriseVisits(organizationID: $id) { id visitedOn visitorName participants notes photos { id fileName status } }\n  }\n": typeof types.EnterpriseServiceDocument,
    "\n  mutation ConfirmFiveClear($organizationID: ID!, $item: FiveClearItem!) {\n    confirmFiveClear(organizationID: $organizationID, item: $item) { id item confirmedByName confirmedAt }\n  }\n": typeof types.ConfirmFiveClearDocument,
    "\n  mutation LogEnterpriseVisit($input: LogEnterpriseVisitInput!) {\n    logEnterpriseVisit(input: $input) { id visitedOn visitorName }\n  }\n": typeof types.LogEnterpriseVisitDocument,
    "\n  query ContractingLedgers {\n    contractingLedgers { region { id code name } threshold largeEnterprises assigned completedAt dueOn state }\n  }\n": typeof types.ContractingLedgersDocument,
    "\n  query UnassignedLargeEnterprises($code: String!) {\n    unassignedLargeEnterprises(regionCode: $code) { id name employeeCount creditCode region { name } }\n    contractingOfficials(regionCode: $code) { id displayName }\n  }\n": typeof types.UnassignedLargeEnterprisesDocument,
    "\n  mutation AssignContracting($input: AssignContractingInput!) {\n    assignContracting(input: $input) { officialName enterprises { id } }\n  }\n": typeof types.AssignContractingDocument,
    "\n  query TenDayReports($r: String!, $f: Date!, $t: Date!) {\n    tenDayReports(regionCode: $r, from: $f, to: $t) {\n      id version status comment correctionReason late dueAt submittedAt disbursementRate allowedActions\n      period { start end } figures { category cumulative period } region { code name }\n    }\n  }\n": typeof types.TenDayReportsDocument,
    "\n  mutation SubmitTenDayReport($id: ID!, $comment: String) {\n    submitTenDayReport(id: $id, comment: $comment) { id status comment submittedAt }\n  }\n": typeof types.SubmitTenDayReportDocument,
    "\n  mutation CorrectTenDayReport($id: ID!, $reason: String!) {\n    correctTenDayReport(id: $id, reason: $reason) { id version status correctionReason }\n  }\n": typeof types.CorrectTenDayReportDocument,
    "\n  query MissingTenDayReports($p: Date!) {\n    missingTenDayReports(periodStart: $p) { id code name }\n  }\n": typeof types.MissingTenDayReportsDocument,
    "\n  query CompareTenDayReports($r: String!, $a: Date!, $b: Date!) {\n    compareTenDayReports(regionCode: $r, periodA: $a, periodB: $b) {\n      a { version period { start end } } b { version period { start end } }\n      rows { category a { cumulative period } b { cumulative period } cumulative period }\n    }\n  }\n": typeof types.CompareTenDayReportsDocument,
    "\n  query MonthlyBulletin($m: String!) {\n    monthlyBulletin(month: $m) {\n      month issuedOn asOf frozen elapsedShare overdueClocks\n      region { code name } campaign { name } bottom { code name } moneyLagging { code name }\n      rows {\n        rank completion gap targeted spentFen allocatedFen disbursementRate moneyLagging overdueClocks unsubmitted bottom frozen\n        region { code name }\n      }\n    }\n  }\n": typeof types.MonthlyBulletinDocument,
    "\n  query SummonsCandidates($m: String!) {\n    summonsCandidates(month: $m) {\n      region { code name }\n      facts { kind category completion elapsed count periods }\n      summons { id reason confirmedAt }\n    }\n  }\n": typeof types.SummonsCandidatesDocument,
    "\n  mutation ConfirmSummons($m: String!, $r: String!, $why: String!) {\n    confirmSummons(month: $m, regionCode: $r, reason: $why) { id reason confirmedAt }\n  }\n": typeof types.ConfirmSummonsDocument,
    "\n  query BackwardSchedule($r: String!) {\n    backwardSchedule(regionCode: $r) {\n      daysElapsed daysLeft latestSubmission latestComplexSubmission\n      rows { category target achieved remaining ratePerDaySoFar ratePerDayNeeded onTrack }\n    }\n  }\n": typeof types.BackwardScheduleDocument,
};
const documents: Documents = {
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken expiresAt user { id username displayName role } }\n  }\n": types.LoginDocument,
    "\n  mutation Refresh($token: String!) {\n    refreshToken(token: $token) { accessToken refreshToken expiresAt user { id username displayName role } }\n  }\n": types.RefreshDocument,
    "\n  mutation Logout { logout }\n": types.LogoutDocument,
    "\n  query Me {\n    me { id username displayName role region { code name } organization { id name kind } person { id name idMasked } }\n  }\n": types.MeDocument,
    "\n  query Classes($first: Int, $after: Cursor, $where: TrainingClassWhereInput) {\n    trainingClasses(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges { node { id category occupation status approvedHeadcount effectiveHeadcount plannedStart plannedEnd venueAddress enrolledCount rejectedEvidenceCount organization { name } } }\n    }\n  }\n": types.ClassesDocument,
    "\n  query Class($id: ID!) {\n    node(id: $id) {\n      ... on TrainingClass {\n        id category occupation level status allowedActions approvedHeadcount effectiveHeadcount presentCount\n        plannedStart plannedEnd mode venueAddress venueLatitude venueLongitude remotelySupervised\n        organization { id name }\n        enrollments { id presentOnOpening person { id name idMasked } }\n      }\n    }\n  }\n": types.ClassDocument,
    "\n  mutation CreateClass($input: CreateTrainingClassInput!) {\n    createTrainingClass(input: $input) { id status }\n  }\n": types.CreateClassDocument,
    "\n  mutation SubmitClass($id: ID!) { submitTrainingClass(id: $id) { id status } }\n": types.SubmitClassDocument,
    "\n  mutation ApproveClass($id: ID!) { approveTrainingClass(id: $id) { id status } }\n": types.ApproveClassDocument,
    "\n  mutation RejectClass($id: ID!, $reason: String!) { rejectTrainingClass(id: $id, reason: $reason) { id status } }\n": types.RejectClassDocument,
    "\n  mutation StartClass($id: ID!) { startTrainingClass(id: $id) { id status } }\n": types.StartClassDocument,
    "\n  mutation CompleteClass($id: ID!) { completeTrainingClass(id: $id) { id status } }\n": types.CompleteClassDocument,
    "\n  mutation CancelClass($id: ID!) { cancelTrainingClass(id: $id) { id status } }\n": types.CancelClassDocument,
    "\n  mutation Enroll($classID: ID!, $persons: [EnrollPersonInput!]!) {\n    enrollPersons(classID: $classID, persons: $persons) { id person { id name idMasked } }\n  }\n": types.EnrollDocument,
    "\n  mutation ReadRoster($classID: ID!, $file: Upload!) {\n    readRoster(classID: $classID, file: $file) { rows { row name idNumber phone entrepreneurshipBasis businessOpenedOn errors { column message } } errors { message } }\n  }\n": types.ReadRosterDocument,
    "\n  mutation Attendance($classID: ID!, $present: [ID!]!) {\n    recordOpeningAttendance(classID: $classID, presentPersonIDs: $present) { id presentCount effectiveHeadcount }\n  }\n": types.AttendanceDocument,
    "\n  mutation CheckUpload($input: BeginEvidenceUploadInput!) {\n    checkEvidenceUpload(input: $input)\n  }\n": types.CheckUploadDocument,
    "\n  mutation BeginUpload($input: BeginEvidenceUploadInput!) {\n    beginEvidenceUpload(input: $input) { evidence { id status } partSize partCount }\n  }\n": types.BeginUploadDocument,
    "\n  mutation UploadParts($id: ID!, $parts: [Int!]!) {\n    evidenceUploadParts(evidenceID: $id, partNumbers: $parts) { partNumber url headers { name value } expiresAt }\n  }\n": types.UploadPartsDocument,
    "\n  mutation CompleteUpload($id: ID!, $parts: [CompletedPartInput!]!) {\n    completeEvidenceUpload(evidenceID: $id, parts: $parts) { id status flags }\n  }\n": types.CompleteUploadDocument,
    "\n  query UploadState($id: ID!) {\n    evidenceUploadStatus(evidenceID: $id) { evidence { id status failureText } uploadedParts { partNumber etag size } }\n  }\n": types.UploadStateDocument,
    "\n  mutation AbortUpload($id: ID!) { abortEvidenceUpload(evidenceID: $id) { id status } }\n": types.AbortUploadDocument,
    "\n  query ReviewQueue($flags: [EvidenceFlag!], $where: EvidenceWhereInput) {\n    reviewQueue(first: 50, flags: $flags, where: $where) {\n      totalCount\n      edges {\n        node {\n          id kind fileName size contentType durationSeconds capturedAt latitude longitude distanceKM flags decision reviewComment\n          class { id occupation venueAddress organization { name } }\n          duplicates { id capturedAt class { id occupation organization { name } } }\n        }\n      }\n    }\n  }\n": types.ReviewQueueDocument,
    "\n  query Playback($id: ID!) { evidencePlaybackURL(evidenceID: $id) }\n": types.PlaybackDocument,
    "\n  mutation Review($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { id decision reviewComment } }\n": types.ReviewDocument,
    "\n  query ClassEvidence($id: ID!) {\n    node(id: $id) {\n      ... on TrainingClass {\n        id rejectedEvidenceCount evidenceDue\n        evidence(first: 100, where: { hasPhotoOf: false }, orderBy: { field: CAPTURED_AT, direction: DESC }) {\n          edges {\n            node {\n              id kind fileName size capturedAt status failureText decision reviewComment reviewedAt allowedActions\n              replaces { id }\n              checks { id status outcome visitedAt }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ClassEvidenceDocument,
    "\n  query RejectedEvidenceCount { rejectedEvidenceCount }\n": types.RejectedEvidenceCountDocument,
    "\n  query OnSiteChecks($where: OnSiteCheckWhereInput) {\n    onSiteChecks(first: 100, where: $where) {\n      totalCount\n      edges { node { id status reason createdAt visitedAt outcome class { id occupation venueAddress organization { name } } evidence { id kind capturedAt } } }\n    }\n  }\n": types.OnSiteChecksDocument,
    "\n  query OnSiteCheck($id: ID!) {\n    node(id: $id) {\n      ... on OnSiteCheck {\n        id status reason notes visitedAt outcome allowedActions createdAt\n        class { id occupation venueAddress organization { name } }\n        evidence { id kind fileName capturedAt reviewComment }\n        photos { id fileName status }\n      }\n    }\n  }\n": types.OnSiteCheckDocument,
    "\n  mutation RecordVisit($input: RecordOnSiteVisitInput!) { recordOnSiteVisit(input: $input) { id status outcome visitedAt } }\n": types.RecordVisitDocument,
    "\n  mutation Sample($regionID: ID!, $rate: Float!, $seed: String!) {\n    drawInspectionSample(regionID: $regionID, rate: $rate, seed: $seed) { id createdAt rate seed population classes { id occupation organization { name } } }\n  }\n": types.SampleDocument,
    "\n  query LatestSample($regionID: ID!) {\n    inspectionSamples(first: 1, where: { regionID: $regionID }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges { node { id createdAt rate seed population classes { id occupation organization { name } } } }\n    }\n  }\n": types.LatestSampleDocument,
    "\n  query RegionByCode($code: String!) { region(code: $code) { id code name } }\n": types.RegionByCodeDocument,
    "\n  query MyCertificates {\n    me { person { certificates { id number status kind occupation level issuedAt issuerName qrLink } } }\n  }\n": types.MyCertificatesDocument,
    "\n  query Progress($campaignID: ID!, $regionCode: String!) {\n    campaignProgress(campaignID: $campaignID, regionCode: $regionCode) { category target achieved unit completionRate elapsedShare lagging tracked disbursementRate enterprises }\n  }\n": types.ProgressDocument,
    "\n  query Campaigns { campaigns(first: 10, orderBy: { field: STARTS_ON, direction: DESC }) { edges { node { id name startsOn endsOn } } } }\n": types.CampaignsDocument,
    "\n  query ChildRegions($code: String!) {\n    regions(first: 100, where: { hasParentWith: { code: $code } }, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }\n  }\n": types.ChildRegionsDocument,
    "\n  query Notices($first: Int) {\n    notices(first: $first, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges { node { id kind clock dueAt at read application { id } adjustment { id } apprenticeshipApplication { id } } }\n    }\n  }\n": types.NoticesDocument,
    "\n  query UnreadNoticeCount { unreadNoticeCount }\n": types.UnreadNoticeCountDocument,
    "\n  mutation MarkNoticesRead($ids: [ID!]!) { markNoticesRead(ids: $ids) }\n": types.MarkNoticesReadDocument,
    "\n  query Publicity($regionCode: String!) {\n    publicity(regionCode: $regionCode) { applicationID institution region occupations headcount amountFen startedAt endsAt trainees }\n  }\n": types.PublicityDocument,
    "\n  mutation LodgePublicObjection($applicationID: ID!, $name: String!, $phone: String!, $text: String!) {\n    lodgePublicObjection(applicationID: $applicationID, name: $name, phone: $phone, text: $text)\n  }\n": types.LodgePublicObjectionDocument,
    "\n  query Applications($first: Int, $where: SubsidyApplicationWhereInput) {\n    subsidyApplications(first: $first, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount totalCountExact\n      edges {\n        node {\n          id kind state headcount amountFen prepaidFen submittedAt dueSoon overdue organization { name }\n          clocks { name dueAt dueSoon overdue stopped provisional }\n        }\n      }\n    }\n  }\n": types.ApplicationsDocument,
    "\n  query ClaimableClasses {\n    trainingClasses(first: 100, where: { status: COMPLETED }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges { node { id category occupation level effectiveHeadcount plannedEnd organization { id name } } }\n    }\n  }\n": types.ClaimableClassesDocument,
    "\n  query SubsidyQuote($kind: SubsidyApplicationKind!, $classIDs: [ID!]!) {\n    subsidyQuote(kind: $kind, classIDs: $classIDs) {\n      headcount amountFen prepaidFen\n      classes { class { id occupation effectiveHeadcount } fenPerHead certified vouchers counted uncounted amountFen }\n    }\n  }\n": types.SubsidyQuoteDocument,
    "\n  mutation SubmitApplication($input: CreateSubsidyApplicationInput!) { submitSubsidyApplication(input: $input) { id state } }\n": types.SubmitApplicationDocument,
    "\n  query Application($id: ID!) {\n    node(id: $id) {\n      ... on SubsidyApplication {\n        id kind state allowedActions headcount amountFen prepaidFen materials materialsComplete complex complexReason comment claimMonth flags\n        submittedAt acceptedAt reviewedAt publicityStartedAt publicityEndsAt transferredAt paidAt returnedAt rejectedAt\n        organization { id name }\n        classes { id occupation category }\n        clocks { name dueAt dueSoon overdue stopped provisional }\n        objections { id text resolved upheld comment lodgerName lodgerPhone createdAt allowedActions }\n        lines(first: 500) { totalCount edges { node { id voucher remark remarkedAt allowedActions person { name idMasked } certificate { number } } } }\n        claimWorkers { id name idMasked held }\n      }\n    }\n  }\n": types.ApplicationDocument,
    "\n  query ApplicationPrepayments($classIDs: [ID!]!) {\n    prepayments(first: 100, where: { classIDIn: $classIDs }) { edges { node { id amountFen recoverableFen status class { occupation } } } }\n  }\n": types.ApplicationPrepaymentsDocument,
    "\n  mutation AcceptApplication($id: ID!, $complex: Boolean!, $reason: String) { acceptSubsidyApplication(id: $id, complex: $complex, reason: $reason) { id state } }\n": types.AcceptApplicationDocument,
    "\n  mutation ReviewApplication($id: ID!, $approve: Boolean!, $comment: String) { reviewSubsidyApplication(id: $id, approve: $approve, comment: $comment) { id state } }\n": types.ReviewApplicationDocument,
    "\n  mutation ReturnApplication($id: ID!, $reason: String!) { returnSubsidyApplication(id: $id, reason: $reason) { id state } }\n": types.ReturnApplicationDocument,
    "\n  mutation StartPublicity($id: ID!) { startPublicity(id: $id) { id state } }\n": types.StartPublicityDocument,
    "\n  mutation TransferToFinance($id: ID!) { transferToFinance(id: $id) { id state } }\n": types.TransferToFinanceDocument,
    "\n  mutation PayApplication($id: ID!, $key: String!) { paySubsidyApplication(id: $id, idempotencyKey: $key) { id state } }\n": types.PayApplicationDocument,
    "\n  mutation ResubmitApplication($id: ID!) { resubmitSubsidyApplication(id: $id) { id state } }\n": types.ResubmitApplicationDocument,
    "\n  mutation LodgeObjection($id: ID!, $text: String!) { lodgeObjection(id: $id, text: $text) { id } }\n": types.LodgeObjectionDocument,
    "\n  mutation ResolveObjection($id: ID!, $upheld: Boolean!, $comment: String) { resolveObjection(id: $id, upheld: $upheld, comment: $comment) { id resolved } }\n": types.ResolveObjectionDocument,
    "\n  mutation RemarkLine($id: ID!, $remark: String!) { remarkApplicationLine(id: $id, remark: $remark) { id remark remarkedAt } }\n": types.RemarkLineDocument,
    "\n  query Funds($code: String!) {\n    region(code: $code) {\n      id code name fundActions\n      parent { code name }\n      children(first: 100, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }\n    }\n    fundAccount(regionCode: $code) { id balanceFen allowedActions }\n  }\n": types.FundsDocument,
    "\n  query FundLedger($code: String!, $last: Int!, $before: Cursor) {\n    fundAccount(regionCode: $code) {\n      id\n      entries(last: $last, before: $before) {\n        totalCount\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { id at kind amountFen balanceAfterFen counterparty } }\n      }\n    }\n  }\n": types.FundLedgerDocument,
    "\n  query FundAdjustments {\n    fundAdjustments(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges {\n        node {\n          id amountFen reason state requestedAt hrDueAt financeDueAt comment financeComment overdue allowedActions\n          region { code name }\n        }\n      }\n    }\n  }\n": types.FundAdjustmentsDocument,
    "\n  query PrepaymentsToRecover {\n    prepayments(first: 50, where: { status: TO_RECOVER }) {\n      edges { node { id amountFen recoverableFen recoveryReason allowedActions class { id occupation organization { name } } } }\n    }\n  }\n": types.PrepaymentsToRecoverDocument,
    "\n  mutation DepositFunds($code: String!, $amountFen: Int!, $idempotencyKey: String!) {\n    depositFunds(regionCode: $code, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }\n  }\n": types.DepositFundsDocument,
    "\n  mutation AllocateFunds($from: String!, $to: String!, $amountFen: Int!, $idempotencyKey: String!) {\n    allocateFunds(fromRegionCode: $from, toRegionCode: $to, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }\n  }\n": types.AllocateFundsDocument,
    "\n  mutation RequestFundAdjustment($code: String!, $amountFen: Int!, $reason: String!) {\n    requestFundAdjustment(regionCode: $code, amountFen: $amountFen, reason: $reason) { id state }\n  }\n": types.RequestFundAdjustmentDocument,
    "\n  mutation DecideFundAdjustment($id: ID!, $agree: Boolean!, $comment: String) {\n    decideFundAdjustment(id: $id, agree: $agree, comment: $comment) { id state }\n  }\n": types.DecideFundAdjustmentDocument,
    "\n  mutation AgreeFundAdjustmentAsFinance($id: ID!, $agree: Boolean!, $comment: String) {\n    agreeFundAdjustmentAsFinance(id: $id, agree: $agree, comment: $comment) { id state }\n  }\n": types.AgreeFundAdjustmentAsFinanceDocument,
    "\n  mutation AllocateFundAdjustment($id: ID!, $idempotencyKey: String!) {\n    allocateFundAdjustment(id: $id, idempotencyKey: $idempotencyKey) { id state }\n  }\n": types.AllocateFundAdjustmentDocument,
    "\n  mutation RecoverPrepayment($id: ID!, $idempotencyKey: String!) {\n    recoverPrepayment(id: $id, idempotencyKey: $idempotencyKey) { id status }\n  }\n": types.RecoverPrepaymentDocument,
    "\n  query LedgerCounties($code: String!) {\n    regions(\n      first: 300\n      where: { level: COUNTY, or: [{ code: $code }, { hasParentWith: { code: $code } }, { hasParentWith: { hasParentWith: { code: $code } } }] }\n      orderBy: { field: CODE, direction: ASC }\n    ) { edges { node { code name } } }\n  }\n": types.LedgerCountiesDocument,
    "\n  query CountyLedger($code: String!) {\n    countyLedgerStatus(regionCode: $code) {\n      region { code name } enterprises priorityEnterprises inWorkGroup completedAt workGroupCreatedOn dueOn onTime\n    }\n  }\n": types.CountyLedgerDocument,
    "\n  query LedgerEnterprises($where: WorkInLieuEnterpriseWhereInput!, $first: Int!, $after: Cursor) {\n    workInLieuEnterprises(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id foundBy contactName contactPhone joinedWorkGroupOn\n          organization { id name creditCode sector prioritySector employeeCount }\n        }\n      }\n    }\n  }\n": types.LedgerEnterprisesDocument,
    "\n  mutation CreateLedgerEnterprise($input: WorkInLieuEnterpriseInput!) {\n    createWorkInLieuEnterprise(input: $input) { id }\n  }\n": types.CreateLedgerEnterpriseDocument,
    "\n  mutation SetWorkGroupJoined($id: ID!, $joinedOn: Date!) {\n    setWorkGroupJoined(id: $id, joinedOn: $joinedOn) { id joinedWorkGroupOn }\n  }\n": types.SetWorkGroupJoinedDocument,
    "\n  mutation ImportLedger($code: String!, $file: Upload!) {\n    importWorkInLieuLedger(regionCode: $code, file: $file) { ok imported errors { row column message } }\n  }\n": types.ImportLedgerDocument,
    "\n  mutation CompleteLedger($code: String!, $workGroupCreatedOn: Date!) {\n    completeCountyLedger(regionCode: $code, workGroupCreatedOn: $workGroupCreatedOn) { completedAt workGroupCreatedOn onTime }\n  }\n": types.CompleteLedgerDocument,
    "\n  query Claims($first: Int) {\n    subsidyApplications(first: $first, where: { kind: WORK_IN_LIEU }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount totalCountExact\n      edges { node { id claimMonth state headcount amountFen flags createdAt } }\n    }\n  }\n": types.ClaimsDocument,
    "\n  mutation ReadClaimRoster($organizationID: ID!, $month: String!, $file: Upload!) {\n    readClaimRoster(organizationID: $organizationID, month: $month, file: $file) { rows { row name idNumber heldElsewhere errors { column message } } errors { message } }\n  }\n": types.ReadClaimRosterDocument,
    "\n  mutation SubmitClaim($input: WorkInLieuClaimInput!) {\n    submitWorkInLieuClaim(input: $input) { id claimMonth state headcount amountFen flags }\n  }\n": types.SubmitClaimDocument,
    "\n  query ContractViewer {\n    me { id role region { code name } organization { id name kind creditCode region { code } } }\n  }\n": types.ContractViewerDocument,
    "\n  query ApprenticeshipContracts($first: Int!, $after: Cursor) {\n    apprenticeshipContracts(first: $first, after: $after, orderBy: { field: SIGNED_ON, direction: DESC }) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id apprenticeName idMasked enterpriseID enterpriseName schoolID schoolName occupation level startsOn months signedOn\n          enterpriseTutor schoolTutor\n        }\n      }\n    }\n  }\n": types.ApprenticeshipContractsDocument,
    "\n  query ApprenticeshipQuotas($regionCode: String!, $year: Int!) {\n    apprenticeshipQuotas(regionCode: $regionCode, year: $year) { school { id name } kind quota signed lagging }\n  }\n": types.ApprenticeshipQuotasDocument,
    "\n  query ContractParties($kinds: [OrganizationKind!]!, $name: String, $first: Int!) {\n    organizations(first: $first, where: { kindIn: $kinds, nameContains: $name }, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges { node { id name kind creditCode } }\n    }\n  }\n": types.ContractPartiesDocument,
    "\n  mutation SignContract($input: ApprenticeshipContractInput!) {\n    signApprenticeshipContract(input: $input) { id apprenticeName idMasked signedOn }\n  }\n": types.SignContractDocument,
    "\n  mutation ImportContracts($file: Upload!) {\n    importApprenticeshipContracts(file: $file) { ok imported errors { row column message } }\n  }\n": types.ImportContractsDocument,
    "\n  query ContractParty($creditCode: String!) {\n    contractParty(creditCode: $creditCode) { id name kind regionName }\n  }\n": types.ContractPartyDocument,
    "\n  query ApprenticeshipApplications($first: Int!, $after: Cursor, $where: ApprenticeshipApplicationWhereInput, $orderBy: ApprenticeshipApplicationOrder) {\n    apprenticeshipApplications(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions\n          schoolID schoolName school { name }\n        }\n      }\n    }\n  }\n": types.ApprenticeshipApplicationsDocument,
    "\n  query ApprenticeshipApplication($id: ID!) {\n    node(id: $id) {\n      ... on ApprenticeshipApplication {\n        id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions\n        schoolID schoolName school { name }\n      }\n    }\n  }\n": types.ApprenticeshipApplicationDocument,
    "\n  mutation ApplyForApprenticeship($input: ApprenticeshipApplicationInput!) {\n    applyForApprenticeship(input: $input) { id state submittedAt acceptanceDueAt }\n  }\n": types.ApplyForApprenticeshipDocument,
    "\n  mutation AcceptApprenticeshipApplication($id: ID!) { acceptApprenticeshipApplication(id: $id) { id state acceptedAt } }\n": types.AcceptApprenticeshipApplicationDocument,
    "\n  mutation ApproveApprenticeshipApplication($id: ID!) { approveApprenticeshipApplication(id: $id) { id state decidedAt } }\n": types.ApproveApprenticeshipApplicationDocument,
    "\n  mutation RejectApprenticeshipApplication($id: ID!, $reason: String!) { rejectApprenticeshipApplication(id: $id, reason: $reason) { id state decidedAt rejectReason } }\n": types.RejectApprenticeshipApplicationDocument,
    "\n  query CertificationUnits($first: Int!, $after: Cursor, $where: CertificationUnitWhereInput, $orderBy: CertificationUnitOrder) {\n    certificationUnits(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges { node { id organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions } }\n    }\n  }\n": types.CertificationUnitsDocument,
    "\n  query CertificationUnit($id: ID!) {\n    node(id: $id) {\n      ... on CertificationUnit {\n        id organizationID organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions\n        checklist { item materials { id fileName contentType size url } }\n      }\n    }\n  }\n": types.CertificationUnitDocument,
    "\n  mutation FileCertificationUnit($input: CertificationUnitInput!) {\n    fileCertificationUnit(input: $input) { id status filedAt }\n  }\n": types.FileCertificationUnitDocument,
    "\n  mutation HandInCertificationMaterial($unitID: ID!, $item: CertificationMaterialItem!, $file: Upload!) {\n    handInCertificationMaterial(unitID: $unitID, item: $item, file: $file) { id item fileName contentType size url }\n  }\n": types.HandInCertificationMaterialDocument,
    "\n  mutation RemoveCertificationMaterial($id: ID!) { removeCertificationMaterial(id: $id) }\n": types.RemoveCertificationMaterialDocument,
    "\n  mutation ApproveCertificationUnit($id: ID!) { approveCertificationUnit(id: $id) { id status decidedAt } }\n": types.ApproveCertificationUnitDocument,
    "\n  mutation ReturnCertificationUnit($id: ID!, $reason: String!) { returnCertificationUnit(id: $id, reason: $reason) { id status decidedAt returnReason } }\n": types.ReturnCertificationUnitDocument,
    "\n  query UnfiledSchools($regionCode: String!) {\n    unfiledSchools(regionCode: $regionCode) { id name kind creditCode region { name } }\n  }\n": types.UnfiledSchoolsDocument,
    "\n  query MyContracting {\n    contracting {\n      officialName tier threshold region { code name }\n      regions { id region { id code name } }\n      enterprises {\n        id visitsDone visitsDue visitState\n        organization { id name employeeCount region { name } }\n        fiveClears { item confirmation { id } }\n      }\n    }\n  }\n": types.MyContractingDocument,
    "\n  query EnterpriseService($id: ID!) {\n    node(id: $id) { ... on Organization { id name employeeCount region { name } } }\n    fiveClears(organizationID: $id) { item confirmation { id confirmedByName confirmedAt } }\n    enterpriseVisits(organizationID: $id) { id visitedOn visitorName participants notes photos { id fileName status } }\n  }\n": types.EnterpriseServiceDocument,
    "\n  mutation ConfirmFiveClear($organizationID: ID!, $item: FiveClearItem!) {\n    confirmFiveClear(organizationID: $organizationID, item: $item) { id item confirmedByName confirmedAt }\n  }\n": types.ConfirmFiveClearDocument,
    "\n  mutation LogEnterpriseVisit($input: LogEnterpriseVisitInput!) {\n    logEnterpriseVisit(input: $input) { id visitedOn visitorName }\n  }\n": types.LogEnterpriseVisitDocument,
    "\n  query ContractingLedgers {\n    contractingLedgers { region { id code name } threshold largeEnterprises assigned completedAt dueOn state }\n  }\n": types.ContractingLedgersDocument,
    "\n  query UnassignedLargeEnterprises($code: String!) {\n    unassignedLargeEnterprises(regionCode: $code) { id name employeeCount creditCode region { name } }\n    contractingOfficials(regionCode: $code) { id displayName }\n  }\n": types.UnassignedLargeEnterprisesDocument,
    "\n  mutation AssignContracting($input: AssignContractingInput!) {\n    assignContracting(input: $input) { officialName enterprises { id } }\n  }\n": types.AssignContractingDocument,
    "\n  query TenDayReports($r: String!, $f: Date!, $t: Date!) {\n    tenDayReports(regionCode: $r, from: $f, to: $t) {\n      id version status comment correctionReason late dueAt submittedAt disbursementRate allowedActions\n      period { start end } figures { category cumulative period } region { code name }\n    }\n  }\n": types.TenDayReportsDocument,
    "\n  mutation SubmitTenDayReport($id: ID!, $comment: String) {\n    submitTenDayReport(id: $id, comment: $comment) { id status comment submittedAt }\n  }\n": types.SubmitTenDayReportDocument,
    "\n  mutation CorrectTenDayReport($id: ID!, $reason: String!) {\n    correctTenDayReport(id: $id, reason: $reason) { id version status correctionReason }\n  }\n": types.CorrectTenDayReportDocument,
    "\n  query MissingTenDayReports($p: Date!) {\n    missingTenDayReports(periodStart: $p) { id code name }\n  }\n": types.MissingTenDayReportsDocument,
    "\n  query CompareTenDayReports($r: String!, $a: Date!, $b: Date!) {\n    compareTenDayReports(regionCode: $r, periodA: $a, periodB: $b) {\n      a { version period { start end } } b { version period { start end } }\n      rows { category a { cumulative period } b { cumulative period } cumulative period }\n    }\n  }\n": types.CompareTenDayReportsDocument,
    "\n  query MonthlyBulletin($m: String!) {\n    monthlyBulletin(month: $m) {\n      month issuedOn asOf frozen elapsedShare overdueClocks\n      region { code name } campaign { name } bottom { code name } moneyLagging { code name }\n      rows {\n        rank completion gap targeted spentFen allocatedFen disbursementRate moneyLagging overdueClocks unsubmitted bottom frozen\n        region { code name }\n      }\n    }\n  }\n": types.MonthlyBulletinDocument,
    "\n  query SummonsCandidates($m: String!) {\n    summonsCandidates(month: $m) {\n      region { code name }\n      facts { kind category completion elapsed count periods }\n      summons { id reason confirmedAt }\n    }\n  }\n": types.SummonsCandidatesDocument,
    "\n  mutation ConfirmSummons($m: String!, $r: String!, $why: String!) {\n    confirmSummons(month: $m, regionCode: $r, reason: $why) { id reason confirmedAt }\n  }\n": types.ConfirmSummonsDocument,
    "\n  query BackwardSchedule($r: String!) {\n    backwardSchedule(regionCode: $r) {\n      daysElapsed daysLeft latestSubmission latestComplexSubmission\n      rows { category target achieved remaining ratePerDaySoFar ratePerDayNeeded onTrack }\n    }\n  }\n": types.BackwardScheduleDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { accessToken refreshToken expiresAt user { id username displayName role } }\n  }\n"): typeof import('./graphql').LoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($token: String!) {\n    refreshToken(token: $token) { accessToken refreshToken expiresAt user { id username displayName role } }\n  }\n"): typeof import('./graphql').RefreshDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout { logout }\n"): typeof import('./graphql').LogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me { id username displayName role region { code name } organization { id name kind } person { id name idMasked } }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Classes($first: Int, $after: Cursor, $where: TrainingClassWhereInput) {\n    trainingClasses(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      edges { node { id category occupation status approvedHeadcount effectiveHeadcount plannedStart plannedEnd venueAddress enrolledCount rejectedEvidenceCount organization { name } } }\n    }\n  }\n"): typeof import('./graphql').ClassesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Class($id: ID!) {\n    node(id: $id) {\n      ... on TrainingClass {\n        id category occupation level status allowedActions approvedHeadcount effectiveHeadcount presentCount\n        plannedStart plannedEnd mode venueAddress venueLatitude venueLongitude remotelySupervised\n        organization { id name }\n        enrollments { id presentOnOpening person { id name idMasked } }\n      }\n    }\n  }\n"): typeof import('./graphql').ClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClass($input: CreateTrainingClassInput!) {\n    createTrainingClass(input: $input) { id status }\n  }\n"): typeof import('./graphql').CreateClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitClass($id: ID!) { submitTrainingClass(id: $id) { id status } }\n"): typeof import('./graphql').SubmitClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveClass($id: ID!) { approveTrainingClass(id: $id) { id status } }\n"): typeof import('./graphql').ApproveClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectClass($id: ID!, $reason: String!) { rejectTrainingClass(id: $id, reason: $reason) { id status } }\n"): typeof import('./graphql').RejectClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartClass($id: ID!) { startTrainingClass(id: $id) { id status } }\n"): typeof import('./graphql').StartClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteClass($id: ID!) { completeTrainingClass(id: $id) { id status } }\n"): typeof import('./graphql').CompleteClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelClass($id: ID!) { cancelTrainingClass(id: $id) { id status } }\n"): typeof import('./graphql').CancelClassDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Enroll($classID: ID!, $persons: [EnrollPersonInput!]!) {\n    enrollPersons(classID: $classID, persons: $persons) { id person { id name idMasked } }\n  }\n"): typeof import('./graphql').EnrollDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReadRoster($classID: ID!, $file: Upload!) {\n    readRoster(classID: $classID, file: $file) { rows { row name idNumber phone entrepreneurshipBasis businessOpenedOn errors { column message } } errors { message } }\n  }\n"): typeof import('./graphql').ReadRosterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Attendance($classID: ID!, $present: [ID!]!) {\n    recordOpeningAttendance(classID: $classID, presentPersonIDs: $present) { id presentCount effectiveHeadcount }\n  }\n"): typeof import('./graphql').AttendanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckUpload($input: BeginEvidenceUploadInput!) {\n    checkEvidenceUpload(input: $input)\n  }\n"): typeof import('./graphql').CheckUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BeginUpload($input: BeginEvidenceUploadInput!) {\n    beginEvidenceUpload(input: $input) { evidence { id status } partSize partCount }\n  }\n"): typeof import('./graphql').BeginUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadParts($id: ID!, $parts: [Int!]!) {\n    evidenceUploadParts(evidenceID: $id, partNumbers: $parts) { partNumber url headers { name value } expiresAt }\n  }\n"): typeof import('./graphql').UploadPartsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteUpload($id: ID!, $parts: [CompletedPartInput!]!) {\n    completeEvidenceUpload(evidenceID: $id, parts: $parts) { id status flags }\n  }\n"): typeof import('./graphql').CompleteUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UploadState($id: ID!) {\n    evidenceUploadStatus(evidenceID: $id) { evidence { id status failureText } uploadedParts { partNumber etag size } }\n  }\n"): typeof import('./graphql').UploadStateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AbortUpload($id: ID!) { abortEvidenceUpload(evidenceID: $id) { id status } }\n"): typeof import('./graphql').AbortUploadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewQueue($flags: [EvidenceFlag!], $where: EvidenceWhereInput) {\n    reviewQueue(first: 50, flags: $flags, where: $where) {\n      totalCount\n      edges {\n        node {\n          id kind fileName size contentType durationSeconds capturedAt latitude longitude distanceKM flags decision reviewComment\n          class { id occupation venueAddress organization { name } }\n          duplicates { id capturedAt class { id occupation organization { name } } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReviewQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Playback($id: ID!) { evidencePlaybackURL(evidenceID: $id) }\n"): typeof import('./graphql').PlaybackDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Review($input: ReviewEvidenceInput!) { reviewEvidence(input: $input) { id decision reviewComment } }\n"): typeof import('./graphql').ReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClassEvidence($id: ID!) {\n    node(id: $id) {\n      ... on TrainingClass {\n        id rejectedEvidenceCount evidenceDue\n        evidence(first: 100, where: { hasPhotoOf: false }, orderBy: { field: CAPTURED_AT, direction: DESC }) {\n          edges {\n            node {\n              id kind fileName size capturedAt status failureText decision reviewComment reviewedAt allowedActions\n              replaces { id }\n              checks { id status outcome visitedAt }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ClassEvidenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RejectedEvidenceCount { rejectedEvidenceCount }\n"): typeof import('./graphql').RejectedEvidenceCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OnSiteChecks($where: OnSiteCheckWhereInput) {\n    onSiteChecks(first: 100, where: $where) {\n      totalCount\n      edges { node { id status reason createdAt visitedAt outcome class { id occupation venueAddress organization { name } } evidence { id kind capturedAt } } }\n    }\n  }\n"): typeof import('./graphql').OnSiteChecksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OnSiteCheck($id: ID!) {\n    node(id: $id) {\n      ... on OnSiteCheck {\n        id status reason notes visitedAt outcome allowedActions createdAt\n        class { id occupation venueAddress organization { name } }\n        evidence { id kind fileName capturedAt reviewComment }\n        photos { id fileName status }\n      }\n    }\n  }\n"): typeof import('./graphql').OnSiteCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordVisit($input: RecordOnSiteVisitInput!) { recordOnSiteVisit(input: $input) { id status outcome visitedAt } }\n"): typeof import('./graphql').RecordVisitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Sample($regionID: ID!, $rate: Float!, $seed: String!) {\n    drawInspectionSample(regionID: $regionID, rate: $rate, seed: $seed) { id createdAt rate seed population classes { id occupation organization { name } } }\n  }\n"): typeof import('./graphql').SampleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LatestSample($regionID: ID!) {\n    inspectionSamples(first: 1, where: { regionID: $regionID }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges { node { id createdAt rate seed population classes { id occupation organization { name } } } }\n    }\n  }\n"): typeof import('./graphql').LatestSampleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegionByCode($code: String!) { region(code: $code) { id code name } }\n"): typeof import('./graphql').RegionByCodeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCertificates {\n    me { person { certificates { id number status kind occupation level issuedAt issuerName qrLink } } }\n  }\n"): typeof import('./graphql').MyCertificatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Progress($campaignID: ID!, $regionCode: String!) {\n    campaignProgress(campaignID: $campaignID, regionCode: $regionCode) { category target achieved unit completionRate elapsedShare lagging tracked disbursementRate enterprises }\n  }\n"): typeof import('./graphql').ProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaigns { campaigns(first: 10, orderBy: { field: STARTS_ON, direction: DESC }) { edges { node { id name startsOn endsOn } } } }\n"): typeof import('./graphql').CampaignsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChildRegions($code: String!) {\n    regions(first: 100, where: { hasParentWith: { code: $code } }, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }\n  }\n"): typeof import('./graphql').ChildRegionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notices($first: Int) {\n    notices(first: $first, orderBy: { field: AT, direction: DESC }) {\n      totalCount\n      edges { node { id kind clock dueAt at read application { id } adjustment { id } apprenticeshipApplication { id } } }\n    }\n  }\n"): typeof import('./graphql').NoticesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNoticeCount { unreadNoticeCount }\n"): typeof import('./graphql').UnreadNoticeCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNoticesRead($ids: [ID!]!) { markNoticesRead(ids: $ids) }\n"): typeof import('./graphql').MarkNoticesReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Publicity($regionCode: String!) {\n    publicity(regionCode: $regionCode) { applicationID institution region occupations headcount amountFen startedAt endsAt trainees }\n  }\n"): typeof import('./graphql').PublicityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LodgePublicObjection($applicationID: ID!, $name: String!, $phone: String!, $text: String!) {\n    lodgePublicObjection(applicationID: $applicationID, name: $name, phone: $phone, text: $text)\n  }\n"): typeof import('./graphql').LodgePublicObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Applications($first: Int, $where: SubsidyApplicationWhereInput) {\n    subsidyApplications(first: $first, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount totalCountExact\n      edges {\n        node {\n          id kind state headcount amountFen prepaidFen submittedAt dueSoon overdue organization { name }\n          clocks { name dueAt dueSoon overdue stopped provisional }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApplicationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClaimableClasses {\n    trainingClasses(first: 100, where: { status: COMPLETED }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges { node { id category occupation level effectiveHeadcount plannedEnd organization { id name } } }\n    }\n  }\n"): typeof import('./graphql').ClaimableClassesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SubsidyQuote($kind: SubsidyApplicationKind!, $classIDs: [ID!]!) {\n    subsidyQuote(kind: $kind, classIDs: $classIDs) {\n      headcount amountFen prepaidFen\n      classes { class { id occupation effectiveHeadcount } fenPerHead certified vouchers counted uncounted amountFen }\n    }\n  }\n"): typeof import('./graphql').SubsidyQuoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitApplication($input: CreateSubsidyApplicationInput!) { submitSubsidyApplication(input: $input) { id state } }\n"): typeof import('./graphql').SubmitApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Application($id: ID!) {\n    node(id: $id) {\n      ... on SubsidyApplication {\n        id kind state allowedActions headcount amountFen prepaidFen materials materialsComplete complex complexReason comment claimMonth flags\n        submittedAt acceptedAt reviewedAt publicityStartedAt publicityEndsAt transferredAt paidAt returnedAt rejectedAt\n        organization { id name }\n        classes { id occupation category }\n        clocks { name dueAt dueSoon overdue stopped provisional }\n        objections { id text resolved upheld comment lodgerName lodgerPhone createdAt allowedActions }\n        lines(first: 500) { totalCount edges { node { id voucher remark remarkedAt allowedActions person { name idMasked } certificate { number } } } }\n        claimWorkers { id name idMasked held }\n      }\n    }\n  }\n"): typeof import('./graphql').ApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApplicationPrepayments($classIDs: [ID!]!) {\n    prepayments(first: 100, where: { classIDIn: $classIDs }) { edges { node { id amountFen recoverableFen status class { occupation } } } }\n  }\n"): typeof import('./graphql').ApplicationPrepaymentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptApplication($id: ID!, $complex: Boolean!, $reason: String) { acceptSubsidyApplication(id: $id, complex: $complex, reason: $reason) { id state } }\n"): typeof import('./graphql').AcceptApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewApplication($id: ID!, $approve: Boolean!, $comment: String) { reviewSubsidyApplication(id: $id, approve: $approve, comment: $comment) { id state } }\n"): typeof import('./graphql').ReviewApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnApplication($id: ID!, $reason: String!) { returnSubsidyApplication(id: $id, reason: $reason) { id state } }\n"): typeof import('./graphql').ReturnApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPublicity($id: ID!) { startPublicity(id: $id) { id state } }\n"): typeof import('./graphql').StartPublicityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferToFinance($id: ID!) { transferToFinance(id: $id) { id state } }\n"): typeof import('./graphql').TransferToFinanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayApplication($id: ID!, $key: String!) { paySubsidyApplication(id: $id, idempotencyKey: $key) { id state } }\n"): typeof import('./graphql').PayApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResubmitApplication($id: ID!) { resubmitSubsidyApplication(id: $id) { id state } }\n"): typeof import('./graphql').ResubmitApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LodgeObjection($id: ID!, $text: String!) { lodgeObjection(id: $id, text: $text) { id } }\n"): typeof import('./graphql').LodgeObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveObjection($id: ID!, $upheld: Boolean!, $comment: String) { resolveObjection(id: $id, upheld: $upheld, comment: $comment) { id resolved } }\n"): typeof import('./graphql').ResolveObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemarkLine($id: ID!, $remark: String!) { remarkApplicationLine(id: $id, remark: $remark) { id remark remarkedAt } }\n"): typeof import('./graphql').RemarkLineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Funds($code: String!) {\n    region(code: $code) {\n      id code name fundActions\n      parent { code name }\n      children(first: 100, orderBy: { field: CODE, direction: ASC }) { edges { node { code name } } }\n    }\n    fundAccount(regionCode: $code) { id balanceFen allowedActions }\n  }\n"): typeof import('./graphql').FundsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FundLedger($code: String!, $last: Int!, $before: Cursor) {\n    fundAccount(regionCode: $code) {\n      id\n      entries(last: $last, before: $before) {\n        totalCount\n        pageInfo { hasPreviousPage startCursor }\n        edges { node { id at kind amountFen balanceAfterFen counterparty } }\n      }\n    }\n  }\n"): typeof import('./graphql').FundLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FundAdjustments {\n    fundAdjustments(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n      edges {\n        node {\n          id amountFen reason state requestedAt hrDueAt financeDueAt comment financeComment overdue allowedActions\n          region { code name }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FundAdjustmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrepaymentsToRecover {\n    prepayments(first: 50, where: { status: TO_RECOVER }) {\n      edges { node { id amountFen recoverableFen recoveryReason allowedActions class { id occupation organization { name } } } }\n    }\n  }\n"): typeof import('./graphql').PrepaymentsToRecoverDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DepositFunds($code: String!, $amountFen: Int!, $idempotencyKey: String!) {\n    depositFunds(regionCode: $code, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }\n  }\n"): typeof import('./graphql').DepositFundsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AllocateFunds($from: String!, $to: String!, $amountFen: Int!, $idempotencyKey: String!) {\n    allocateFunds(fromRegionCode: $from, toRegionCode: $to, amountFen: $amountFen, idempotencyKey: $idempotencyKey) { id balanceFen }\n  }\n"): typeof import('./graphql').AllocateFundsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestFundAdjustment($code: String!, $amountFen: Int!, $reason: String!) {\n    requestFundAdjustment(regionCode: $code, amountFen: $amountFen, reason: $reason) { id state }\n  }\n"): typeof import('./graphql').RequestFundAdjustmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideFundAdjustment($id: ID!, $agree: Boolean!, $comment: String) {\n    decideFundAdjustment(id: $id, agree: $agree, comment: $comment) { id state }\n  }\n"): typeof import('./graphql').DecideFundAdjustmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AgreeFundAdjustmentAsFinance($id: ID!, $agree: Boolean!, $comment: String) {\n    agreeFundAdjustmentAsFinance(id: $id, agree: $agree, comment: $comment) { id state }\n  }\n"): typeof import('./graphql').AgreeFundAdjustmentAsFinanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AllocateFundAdjustment($id: ID!, $idempotencyKey: String!) {\n    allocateFundAdjustment(id: $id, idempotencyKey: $idempotencyKey) { id state }\n  }\n"): typeof import('./graphql').AllocateFundAdjustmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecoverPrepayment($id: ID!, $idempotencyKey: String!) {\n    recoverPrepayment(id: $id, idempotencyKey: $idempotencyKey) { id status }\n  }\n"): typeof import('./graphql').RecoverPrepaymentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LedgerCounties($code: String!) {\n    regions(\n      first: 300\n      where: { level: COUNTY, or: [{ code: $code }, { hasParentWith: { code: $code } }, { hasParentWith: { hasParentWith: { code: $code } } }] }\n      orderBy: { field: CODE, direction: ASC }\n    ) { edges { node { code name } } }\n  }\n"): typeof import('./graphql').LedgerCountiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CountyLedger($code: String!) {\n    countyLedgerStatus(regionCode: $code) {\n      region { code name } enterprises priorityEnterprises inWorkGroup completedAt workGroupCreatedOn dueOn onTime\n    }\n  }\n"): typeof import('./graphql').CountyLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LedgerEnterprises($where: WorkInLieuEnterpriseWhereInput!, $first: Int!, $after: Cursor) {\n    workInLieuEnterprises(first: $first, after: $after, where: $where, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id foundBy contactName contactPhone joinedWorkGroupOn\n          organization { id name creditCode sector prioritySector employeeCount }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').LedgerEnterprisesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateLedgerEnterprise($input: WorkInLieuEnterpriseInput!) {\n    createWorkInLieuEnterprise(input: $input) { id }\n  }\n"): typeof import('./graphql').CreateLedgerEnterpriseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWorkGroupJoined($id: ID!, $joinedOn: Date!) {\n    setWorkGroupJoined(id: $id, joinedOn: $joinedOn) { id joinedWorkGroupOn }\n  }\n"): typeof import('./graphql').SetWorkGroupJoinedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportLedger($code: String!, $file: Upload!) {\n    importWorkInLieuLedger(regionCode: $code, file: $file) { ok imported errors { row column message } }\n  }\n"): typeof import('./graphql').ImportLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteLedger($code: String!, $workGroupCreatedOn: Date!) {\n    completeCountyLedger(regionCode: $code, workGroupCreatedOn: $workGroupCreatedOn) { completedAt workGroupCreatedOn onTime }\n  }\n"): typeof import('./graphql').CompleteLedgerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Claims($first: Int) {\n    subsidyApplications(first: $first, where: { kind: WORK_IN_LIEU }, orderBy: { field: CREATED_AT, direction: DESC }) {\n      totalCount totalCountExact\n      edges { node { id claimMonth state headcount amountFen flags createdAt } }\n    }\n  }\n"): typeof import('./graphql').ClaimsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReadClaimRoster($organizationID: ID!, $month: String!, $file: Upload!) {\n    readClaimRoster(organizationID: $organizationID, month: $month, file: $file) { rows { row name idNumber heldElsewhere errors { column message } } errors { message } }\n  }\n"): typeof import('./graphql').ReadClaimRosterDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitClaim($input: WorkInLieuClaimInput!) {\n    submitWorkInLieuClaim(input: $input) { id claimMonth state headcount amountFen flags }\n  }\n"): typeof import('./graphql').SubmitClaimDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContractViewer {\n    me { id role region { code name } organization { id name kind creditCode region { code } } }\n  }\n"): typeof import('./graphql').ContractViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprenticeshipContracts($first: Int!, $after: Cursor) {\n    apprenticeshipContracts(first: $first, after: $after, orderBy: { field: SIGNED_ON, direction: DESC }) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id apprenticeName idMasked enterpriseID enterpriseName schoolID schoolName occupation level startsOn months signedOn\n          enterpriseTutor schoolTutor\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApprenticeshipContractsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprenticeshipQuotas($regionCode: String!, $year: Int!) {\n    apprenticeshipQuotas(regionCode: $regionCode, year: $year) { school { id name } kind quota signed lagging }\n  }\n"): typeof import('./graphql').ApprenticeshipQuotasDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContractParties($kinds: [OrganizationKind!]!, $name: String, $first: Int!) {\n    organizations(first: $first, where: { kindIn: $kinds, nameContains: $name }, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges { node { id name kind creditCode } }\n    }\n  }\n"): typeof import('./graphql').ContractPartiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignContract($input: ApprenticeshipContractInput!) {\n    signApprenticeshipContract(input: $input) { id apprenticeName idMasked signedOn }\n  }\n"): typeof import('./graphql').SignContractDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportContracts($file: Upload!) {\n    importApprenticeshipContracts(file: $file) { ok imported errors { row column message } }\n  }\n"): typeof import('./graphql').ImportContractsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContractParty($creditCode: String!) {\n    contractParty(creditCode: $creditCode) { id name kind regionName }\n  }\n"): typeof import('./graphql').ContractPartyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprenticeshipApplications($first: Int!, $after: Cursor, $where: ApprenticeshipApplicationWhereInput, $orderBy: ApprenticeshipApplicationOrder) {\n    apprenticeshipApplications(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions\n          schoolID schoolName school { name }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ApprenticeshipApplicationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApprenticeshipApplication($id: ID!) {\n    node(id: $id) {\n      ... on ApprenticeshipApplication {\n        id organizationName occupation apprentices months startsOn state submittedAt acceptanceDueAt acceptedAt decidedAt rejectReason overdue allowedActions\n        schoolID schoolName school { name }\n      }\n    }\n  }\n"): typeof import('./graphql').ApprenticeshipApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyForApprenticeship($input: ApprenticeshipApplicationInput!) {\n    applyForApprenticeship(input: $input) { id state submittedAt acceptanceDueAt }\n  }\n"): typeof import('./graphql').ApplyForApprenticeshipDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptApprenticeshipApplication($id: ID!) { acceptApprenticeshipApplication(id: $id) { id state acceptedAt } }\n"): typeof import('./graphql').AcceptApprenticeshipApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveApprenticeshipApplication($id: ID!) { approveApprenticeshipApplication(id: $id) { id state decidedAt } }\n"): typeof import('./graphql').ApproveApprenticeshipApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectApprenticeshipApplication($id: ID!, $reason: String!) { rejectApprenticeshipApplication(id: $id, reason: $reason) { id state decidedAt rejectReason } }\n"): typeof import('./graphql').RejectApprenticeshipApplicationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CertificationUnits($first: Int!, $after: Cursor, $where: CertificationUnitWhereInput, $orderBy: CertificationUnitOrder) {\n    certificationUnits(first: $first, after: $after, where: $where, orderBy: $orderBy) {\n      totalCount totalCountExact\n      pageInfo { hasNextPage endCursor }\n      edges { node { id organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions } }\n    }\n  }\n"): typeof import('./graphql').CertificationUnitsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CertificationUnit($id: ID!) {\n    node(id: $id) {\n      ... on CertificationUnit {\n        id organizationID organizationName kind status occupations { occupation levels } filedAt decidedAt returnReason missingMaterials allowedActions\n        checklist { item materials { id fileName contentType size url } }\n      }\n    }\n  }\n"): typeof import('./graphql').CertificationUnitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FileCertificationUnit($input: CertificationUnitInput!) {\n    fileCertificationUnit(input: $input) { id status filedAt }\n  }\n"): typeof import('./graphql').FileCertificationUnitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HandInCertificationMaterial($unitID: ID!, $item: CertificationMaterialItem!, $file: Upload!) {\n    handInCertificationMaterial(unitID: $unitID, item: $item, file: $file) { id item fileName contentType size url }\n  }\n"): typeof import('./graphql').HandInCertificationMaterialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCertificationMaterial($id: ID!) { removeCertificationMaterial(id: $id) }\n"): typeof import('./graphql').RemoveCertificationMaterialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveCertificationUnit($id: ID!) { approveCertificationUnit(id: $id) { id status decidedAt } }\n"): typeof import('./graphql').ApproveCertificationUnitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnCertificationUnit($id: ID!, $reason: String!) { returnCertificationUnit(id: $id, reason: $reason) { id status decidedAt returnReason } }\n"): typeof import('./graphql').ReturnCertificationUnitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnfiledSchools($regionCode: String!) {\n    unfiledSchools(regionCode: $regionCode) { id name kind creditCode region { name } }\n  }\n"): typeof import('./graphql').UnfiledSchoolsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyContracting {\n    contracting {\n      officialName tier threshold region { code name }\n      regions { id region { id code name } }\n      enterprises {\n        id visitsDone visitsDue visitState\n        organization { id name employeeCount region { name } }\n        fiveClears { item confirmation { id } }\n      }\n    }\n  }\n"): typeof import('./graphql').MyContractingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseService($id: ID!) {\n    node(id: $id) { ... on Organization { id name employeeCount region { name } } }\n    fiveClears(organizationID: $id) { item confirmation { id confirmedByName confirmedAt } }\n    enterpriseVisits(organizationID: $id) { id visitedOn visitorName participants notes photos { id fileName status } }\n  }\n"): typeof import('./graphql').EnterpriseServiceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmFiveClear($organizationID: ID!, $item: FiveClearItem!) {\n    confirmFiveClear(organizationID: $organizationID, item: $item) { id item confirmedByName confirmedAt }\n  }\n"): typeof import('./graphql').ConfirmFiveClearDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogEnterpriseVisit($input: LogEnterpriseVisitInput!) {\n    logEnterpriseVisit(input: $input) { id visitedOn visitorName }\n  }\n"): typeof import('./graphql').LogEnterpriseVisitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContractingLedgers {\n    contractingLedgers { region { id code name } threshold largeEnterprises assigned completedAt dueOn state }\n  }\n"): typeof import('./graphql').ContractingLedgersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnassignedLargeEnterprises($code: String!) {\n    unassignedLargeEnterprises(regionCode: $code) { id name employeeCount creditCode region { name } }\n    contractingOfficials(regionCode: $code) { id displayName }\n  }\n"): typeof import('./graphql').UnassignedLargeEnterprisesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignContracting($input: AssignContractingInput!) {\n    assignContracting(input: $input) { officialName enterprises { id } }\n  }\n"): typeof import('./graphql').AssignContractingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TenDayReports($r: String!, $f: Date!, $t: Date!) {\n    tenDayReports(regionCode: $r, from: $f, to: $t) {\n      id version status comment correctionReason late dueAt submittedAt disbursementRate allowedActions\n      period { start end } figures { category cumulative period } region { code name }\n    }\n  }\n"): typeof import('./graphql').TenDayReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitTenDayReport($id: ID!, $comment: String) {\n    submitTenDayReport(id: $id, comment: $comment) { id status comment submittedAt }\n  }\n"): typeof import('./graphql').SubmitTenDayReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CorrectTenDayReport($id: ID!, $reason: String!) {\n    correctTenDayReport(id: $id, reason: $reason) { id version status correctionReason }\n  }\n"): typeof import('./graphql').CorrectTenDayReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MissingTenDayReports($p: Date!) {\n    missingTenDayReports(periodStart: $p) { id code name }\n  }\n"): typeof import('./graphql').MissingTenDayReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareTenDayReports($r: String!, $a: Date!, $b: Date!) {\n    compareTenDayReports(regionCode: $r, periodA: $a, periodB: $b) {\n      a { version period { start end } } b { version period { start end } }\n      rows { category a { cumulative period } b { cumulative period } cumulative period }\n    }\n  }\n"): typeof import('./graphql').CompareTenDayReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MonthlyBulletin($m: String!) {\n    monthlyBulletin(month: $m) {\n      month issuedOn asOf frozen elapsedShare overdueClocks\n      region { code name } campaign { name } bottom { code name } moneyLagging { code name }\n      rows {\n        rank completion gap targeted spentFen allocatedFen disbursementRate moneyLagging overdueClocks unsubmitted bottom frozen\n        region { code name }\n      }\n    }\n  }\n"): typeof import('./graphql').MonthlyBulletinDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SummonsCandidates($m: String!) {\n    summonsCandidates(month: $m) {\n      region { code name }\n      facts { kind category completion elapsed count periods }\n      summons { id reason confirmedAt }\n    }\n  }\n"): typeof import('./graphql').SummonsCandidatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmSummons($m: String!, $r: String!, $why: String!) {\n    confirmSummons(month: $m, regionCode: $r, reason: $why) { id reason confirmedAt }\n  }\n"): typeof import('./graphql').ConfirmSummonsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackwardSchedule($r: String!) {\n    backwardSchedule(regionCode: $r) {\n      daysElapsed daysLeft latestSubmission latestComplexSubmission\n      rows { category target achieved remaining ratePerDaySoFar ratePerDayNeeded onTrack }\n    }\n  }\n"): typeof import('./graphql').BackwardScheduleDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
